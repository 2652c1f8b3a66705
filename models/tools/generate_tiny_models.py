#!/usr/bin/python3
"""Writes Tarjama's tiny test models and their goldens.

Tiny random-weight seq2seq models with exactly the ONNX interface of Hugging Face Optimum and
transformers.js exports (docs/models.md), their tokenizers, and golden outputs computed by an
independent reference decoder in this file (plain torch forward in float64, no ONNX involved,
greedy and beam search as docs/generation.md says). Deterministic: fixed seeds, no clock.

Run with Debian's python (torch, onnx, numpy, sentencepiece):

    /usr/bin/python3 models/tools/generate_tiny_models.py            # writes models/tiny/
    /usr/bin/python3 models/tools/generate_tiny_models.py --real-dims models/build/real-dims

See models/tools/README.md.
"""
import argparse
import copy
import hashlib
import json
import math
import os
import shutil
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

torch.set_num_threads(1)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TINY = os.path.join(REPO, "models", "tiny")
OPSET = 14
MIN_MARGIN = 1e-4
SP = "\u2581"  # the Metaspace replacement character

# ----------------------------------------------------------------------------------------------
# Marian tokenizer: a Unigram vocabulary written here, encoder and decoder as the Rust library does
# ----------------------------------------------------------------------------------------------

ARABIC_WORDS = """
ال في من على إلى أن عن مع هذا هذه التي الذي الذين كان كانت قد لا ما لم لن هو هي هم
وزير الوزير الخارجية الداخلية الرئيس رئيس الحكومة حكومة الوزراء مجلس المجلس الدولة دولة
مصر القاهرة السعودية الرياض الإمارات دبي لبنان بيروت سوريا دمشق العراق بغداد الأردن عمان
فلسطين غزة القدس المغرب الجزائر تونس ليبيا السودان اليمن قطر الكويت البحرين الخليج
قال وقال قالت وقالت أعلن أعلنت وأعلن أكد وأكد أكدت أضاف وأضاف أشار وأشار ذكر يوم اليوم أمس
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأسبوع المقبل الماضي الشهر العام عام
سنة السنة مليون مليار دولار الدولار جنيه ريال درهم بنسبة نسبة المئة أسعار الأسعار النفط
الأسواق السوق العالمية العالمي الاقتصاد الاقتصادي الاقتصادية البنك المركزي البورصة الأسهم
ارتفاع ارتفعت ارتفاعا انخفاض انخفضت تراجع تراجعت نمو النمو التضخم الفائدة الاستثمار
خطة جديدة جديد دعم لدعم المحادثات المفاوضات المفاوضات اتفاق الاتفاق السلام الحرب الأمن
الأمم المتحدة الدولي الدولية العربية العربي الجامعة مؤتمر المؤتمر اجتماع الاجتماع قمة
زيارة رسمية وصل وصلت يلتقي التقى خلال خلالها عدد عددا المسؤولين المسؤول مسؤول الشعب
الانتخابات البرلمان النواب الشرطة الجيش القوات مقتل قتلى جرحى المستشفى الصحة وزارة
التعليم الجامعات المدارس الطلاب الطقس الحرارة درجات الأمطار الرياح الشمس البحر
المباراة الفريق المنتخب كرة القدم الدوري البطولة فاز فوز هدف أهداف اللاعب المدرب
الشركة الشركات المشروع مشروع الطاقة الكهرباء المياه الغاز التجارة الصادرات الواردات
الرئاسة البيت الأبيض الولايات المتحدة الأمريكية روسيا الصين أوروبا الأوروبي فرنسا
بريطانيا ألمانيا تركيا إيران إسرائيل الفلسطينيين الفلسطينية اللاجئين المساعدات الإنسانية
ستستأنف ستنجح هل كيف لماذا متى أين بين بعد قبل حتى أو ثم كل بعض أكثر أقل أول آخر
المصادر مصادر مصدر وكالة الأنباء الصحفي تصريح تصريحات بيان البيان المتحدث باسم
تستغرق يومين ثلاثة أيام إن تقول قريب ساعات دقائق الوطنية الوطني المحلية المحلي العاصمة المدينة
"""

ARABIC_AFFIXES = """
ية ات ين ون ان ها هم هما كم نا ة ي ه و ف ب ل ك وال بال لل فال كال ال ست سي تت يت
ير ار ور ول ام ين يه ته تها تهم مات يات اء ائ وا
"""

ENGLISH_WORDS = """
the of and to in a is that for on with as was by at from it he she they said says
minister ministry foreign interior president prime government council state country
talks negotiations will would resume next last week month year day today yesterday
oil prices markets market global world economy economic bank central stock shares rose
fell rise fall growth inflation interest investment plan new support agreement peace war
security united nations international arab league summit meeting visit official officials
arrived meet during number people election parliament police army forces killed wounded
hospital health education weather temperature rain wind sun sea match team national
football league champion won goal coach company project energy electricity water gas
trade exports imports house white states american russia china europe european france
britain germany turkey iran israel refugees aid humanitarian tuesday monday wednesday
thursday friday saturday sunday million billion dollar dollars percent per cent news agency
statement spokesman sources source two three days hours capital city local this these
which who not has have had been be are were an or but after before between about over
more than first also its their his her new up out into than other
"""

ENGLISH_AFFIXES = """
s es ed ing er ers ly tion tions ment ments al ic ity ness able ive ous ist ists
re un in dis pre th ch sh st tr ar or an en on at it is
"""

SAMPLE_MARIAN = [
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.",
    "ارتفعت أسعار النفط في الأسواق العالمية يوم الثلاثاء.",
    "أعلنت الحكومة عن خطة جديدة لدعم الاقتصاد المحلي.",
    "وصل الرئيس إلى القاهرة في زيارة رسمية تستغرق يومين، يلتقي خلالها عددا من المسؤولين.",
    "The minister said the talks will resume next week.",
    "سجلت البورصة ارتفاعا بنسبة 3.5% في عام 2024، وفق بيان البنك المركزي.",
    "هل ستنجح المفاوضات؟ المصادر تقول إن الاتفاق قريب.",
    "الطقس اليوم: درجات الحرارة ٣٥",
]


# Word salads from the tiny vocabulary on which "never" and false end differently (k = 3: the
# first; k = 4: the others), found by trying a few hundred; the sample sentences above never do.
SAMPLE_MARIAN_NEVER = [
    "سوريا الأربعاء الأمم مليار تراجع.",
    "جرحى هو مجلس الاتفاق الجمعة.",
    "الداخلية بريطانيا العام عددا ذكر هذه؟",
]


def _split_words(block):
    return [w for w in block.split() if w]


def marian_pieces():
    """Ordered list of (piece) for the tiny Marian vocabulary, specials excluded."""
    pieces = []
    pieces += [SP + w for w in _split_words(ARABIC_WORDS)]
    pieces += _split_words(ARABIC_WORDS)[:60]
    pieces += _split_words(ARABIC_AFFIXES)
    pieces += [SP + w for w in _split_words(ENGLISH_WORDS)]
    pieces += [SP + w.capitalize() for w in _split_words(ENGLISH_WORDS)[:60]]
    pieces += _split_words(ENGLISH_AFFIXES)
    pieces += [SP + c for c in "0123456789"] + [SP + chr(0x0660 + i) for i in range(10)]
    pieces += [SP + c for c in "«\"(-"]
    singles = [SP]
    singles += [chr(c) for c in range(0x0621, 0x064B)]  # hamza .. yaa
    singles += [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
    singles += [chr(0x0660 + i) for i in range(10)]  # Arabic-Indic digits
    singles += ["\u060c", "\u061b", "\u061f", "\u066a", "\u066b", "\u066c", "\u0640", "«", "»", "…"]
    singles += [chr(c) for c in range(ord("a"), ord("z") + 1)]
    singles += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    singles += [chr(c) for c in range(ord("0"), ord("9") + 1)]
    singles += list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    out, seen = [], set()
    multi = [p for p in pieces if len(p) > 1]
    for p in multi + singles:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def marian_vocab(pieces):
    """[(piece, score)] with Marian's ids: </s>=0, <unk>=1, pieces, <pad> last. Distinct scores."""
    vocab = [("</s>", 0.0), ("<unk>", -0.25)]
    n_multi = 0
    for p in pieces:
        if len(p) > 1:
            # Longer pieces score higher per character, so whole words win over letters.
            score = -3.0 - 0.004 * n_multi - 0.05 * min(len(p), 10)
            n_multi += 1
        elif p == SP:
            score = -4.0
        else:
            score = -9.0 - 0.003 * len(vocab)
        # the index term keeps scores distinct (base scores are multiples of 0.001)
        vocab.append((p, round(score - 1e-6 * len(vocab), 7)))
    vocab.append(("<pad>", -0.5))
    scores = [s for _, s in vocab]
    assert len(set(scores)) == len(scores), "scores must be distinct"
    assert len({p for p, _ in vocab}) == len(vocab)
    return vocab


class UnigramTokenizer:
    """Unigram (Viterbi) + Metaspace, as the Rust tokenizers library encodes and decodes."""

    K_UNK_PENALTY = 10.0

    def __init__(self, vocab, unk_id, specials):
        self.vocab = vocab
        self.ids = {p: i for i, (p, _) in enumerate(vocab)}
        self.unk_id = unk_id
        self.min_score = min(s for _, s in vocab)
        self.max_piece_len = max(len(p) for p, _ in vocab)
        self.specials = set(specials)

    def pre_tokenize(self, text):
        s = text.replace(" ", SP)
        if not s.startswith(SP):
            s = SP + s
        words, cur = [], ""
        for ch in s:  # split on the replacement, merged with the next piece
            if ch == SP and cur:
                words.append(cur)
                cur = ""
            cur += ch
        if cur:
            words.append(cur)
        return words

    def viterbi(self, word):
        n = len(word)
        unk_score = self.min_score - self.K_UNK_PENALTY
        best = [None] * (n + 1)  # (score, start, id)
        best[0] = (0.0, None, None)
        for start in range(n):
            if best[start] is None:
                continue
            base = best[start][0]
            has_single = False
            for ln in range(1, min(self.max_piece_len, n - start) + 1):  # shortest prefix first
                piece = word[start:start + ln]
                pid = self.ids.get(piece)
                if pid is None:
                    continue
                cand = base + self.vocab[pid][1]
                tgt = best[start + ln]
                if tgt is None or cand > tgt[0]:
                    best[start + ln] = (cand, start, pid)
                if ln == 1:
                    has_single = True
            if not has_single:
                cand = base + unk_score
                tgt = best[start + 1]
                if tgt is None or cand > tgt[0]:
                    best[start + 1] = (cand, start, self.unk_id)
        out, end = [], n
        while end > 0:
            _, start, pid = best[end]
            out.append((word[start:end], pid))
            end = start
        out.reverse()
        fused = []  # consecutive unknowns become one token (fuse_unk)
        for piece, pid in out:
            if pid == self.unk_id and fused and fused[-1][1] == self.unk_id:
                fused[-1] = (fused[-1][0] + piece, pid)
            else:
                fused.append((piece, pid))
        return fused

    def encode(self, text, eos_id=0):
        ids = []
        for w in self.pre_tokenize(text):
            ids += [pid for _, pid in self.viterbi(w)]
        return ids + [eos_id]

    def decode(self, ids):
        toks = [self.vocab[i][0] for i in ids if self.vocab[i][0] not in self.specials]
        out = []
        for i, t in enumerate(toks):
            t = t.replace(SP, " ")
            if i == 0 and t.startswith(" "):
                t = t[1:]
            out.append(t)
        return "".join(out)


def added_token(tid, content):
    return {"id": tid, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def marian_tokenizer_json(vocab):
    pad = len(vocab) - 1
    meta = {"type": "Metaspace", "replacement": SP, "prepend_scheme": "always", "split": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added_token(0, "</s>"), added_token(1, "<unk>"), added_token(pad, "<pad>")],
        "normalizer": None,
        "pre_tokenizer": meta,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {"</s>": {"id": "</s>", "ids": [0], "tokens": ["</s>"]}},
        },
        "decoder": dict(meta),
        "model": {"type": "Unigram", "unk_id": 1, "vocab": [[p, s] for p, s in vocab],
                  "byte_fallback": False},
    }


# ----------------------------------------------------------------------------------------------
# The model: HF MarianMTModel / BartForConditionalGeneration maths on a dict of tensors
# ----------------------------------------------------------------------------------------------

def sinusoidal_table(n_pos, dim):
    """MarianSinusoidalPositionalEmbedding: first half sin, second half cos."""
    enc = np.array([[pos / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)]
                    for pos in range(n_pos)])
    out = np.zeros((n_pos, dim), dtype=np.float64)
    sentinel = dim // 2 if dim % 2 == 0 else dim // 2 + 1
    out[:, 0:sentinel] = np.sin(enc[:, 0::2])
    out[:, sentinel:] = np.cos(enc[:, 1::2])
    return torch.tensor(out, dtype=torch.float32)


def init_params(cfg, seed):
    g = torch.Generator().manual_seed(seed)
    d, ffn, V = cfg["d_model"], cfg["ffn"], cfg["vocab_size"]

    def rnd(*shape, std):
        return torch.randn(*shape, generator=g) * std

    p = {}
    p["shared.weight"] = rnd(V, d, std=cfg["emb_std"])
    # Rows of similar norm, so that no token wins everywhere through the tied lm_head.
    norms = p["shared.weight"].norm(dim=1, keepdim=True)
    p["shared.weight"] = p["shared.weight"] / norms * (cfg["emb_std"] * math.sqrt(d)) * (1 + rnd(V, 1, std=0.1))
    p["final_logits_bias"] = rnd(V, std=0.1)
    if cfg["pos"] == "sinusoidal":
        table = sinusoidal_table(cfg["max_pos"], d)
        p["encoder.embed_positions.weight"] = table
        p["decoder.embed_positions.weight"] = table.clone()
    else:  # learned, HF BartLearnedPositionalEmbedding has offset 2
        p["encoder.embed_positions.weight"] = rnd(cfg["max_pos"] + 2, d, std=0.3)
        p["decoder.embed_positions.weight"] = rnd(cfg["max_pos"] + 2, d, std=0.3)
    if cfg["ln_embedding"]:
        for side in ("encoder", "decoder"):
            p[f"{side}.layernorm_embedding.weight"] = 1 + rnd(d, std=0.1)
            p[f"{side}.layernorm_embedding.bias"] = rnd(d, std=0.1)

    def attn(prefix):
        for n in ("q_proj", "k_proj", "v_proj", "out_proj"):
            p[f"{prefix}.{n}.weight"] = rnd(d, d, std=d ** -0.5)
            p[f"{prefix}.{n}.bias"] = rnd(d, std=0.05)

    def ln(prefix):
        p[f"{prefix}.weight"] = 1 + rnd(d, std=0.1)
        p[f"{prefix}.bias"] = rnd(d, std=0.1)

    def ffn_(prefix):
        p[f"{prefix}.fc1.weight"] = rnd(ffn, d, std=d ** -0.5)
        p[f"{prefix}.fc1.bias"] = rnd(ffn, std=0.05)
        p[f"{prefix}.fc2.weight"] = rnd(d, ffn, std=ffn ** -0.5)
        p[f"{prefix}.fc2.bias"] = rnd(d, std=0.05)

    for i in range(cfg["encoder_layers"]):
        pre = f"encoder.layers.{i}"
        attn(pre + ".self_attn")
        ln(pre + ".self_attn_layer_norm")
        ffn_(pre)
        ln(pre + ".final_layer_norm")
    for i in range(cfg["decoder_layers"]):
        pre = f"decoder.layers.{i}"
        attn(pre + ".self_attn")
        ln(pre + ".self_attn_layer_norm")
        attn(pre + ".encoder_attn")
        ln(pre + ".encoder_attn_layer_norm")
        ffn_(pre)
        ln(pre + ".final_layer_norm")
    return p


def act(cfg, x):
    return F.silu(x) if cfg["act"] == "swish" else F.gelu(x)


def lin(p, name, x):
    return F.linear(x, p[name + ".weight"], p[name + ".bias"])


def heads(cfg, x):
    """[b, t, d] -> [b, H, t, Dh]"""
    return x.reshape(x.shape[0], -1, cfg["heads"], cfg["head_dim"]).transpose(1, 2)


def attend(cfg, p, prefix, x, k, v, mask_add):
    q = heads(cfg, lin(p, prefix + ".q_proj", x) * (cfg["head_dim"] ** -0.5))
    w = torch.softmax(torch.matmul(q, k.transpose(2, 3)) + mask_add, dim=-1)
    o = torch.matmul(w, v).transpose(1, 2)
    o = o.reshape(o.shape[0], -1, cfg["d_model"])
    return lin(p, prefix + ".out_proj", o)


def ln(p, name, x):
    return F.layer_norm(x, (p[name + ".weight"].shape[0],), p[name + ".weight"], p[name + ".bias"], 1e-5)


def padding_mask(mask, dtype):
    """[b, s] of 1/0 -> additive [b, 1, 1, s] (HF: finfo.min where masked)."""
    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def embed(cfg, p, side, ids, past_len):
    x = F.embedding(ids, p["shared.weight"])
    if cfg["scale_embedding"]:
        x = x * math.sqrt(cfg["d_model"])
    table = p[side + ".embed_positions.weight"]
    off = 2 if cfg["pos"] == "learned" else 0
    x = x + table[past_len + off: past_len + off + ids.shape[1]].to(x.dtype)
    if cfg["ln_embedding"]:
        x = ln(p, side + ".layernorm_embedding", x)
    return x


def encoder_forward(cfg, p, input_ids, attention_mask):
    h = embed(cfg, p, "encoder", input_ids, 0)
    m = padding_mask(attention_mask, h.dtype)
    for i in range(cfg["encoder_layers"]):
        pre = f"encoder.layers.{i}"
        k = heads(cfg, lin(p, pre + ".self_attn.k_proj", h))
        v = heads(cfg, lin(p, pre + ".self_attn.v_proj", h))
        h = ln(p, pre + ".self_attn_layer_norm", h + attend(cfg, p, pre + ".self_attn", h, k, v, m))
        f = lin(p, pre + ".fc2", act(cfg, lin(p, pre + ".fc1", h)))
        h = ln(p, pre + ".final_layer_norm", h + f)
    return h


def decoder_forward(cfg, p, input_ids, encoder_attention_mask, encoder_hidden_states=None,
                    past=None):
    """Returns logits and per layer (self key, self value, cross key, cross value).

    past: per layer (self key, self value, cross key, cross value) of earlier steps; then
    encoder_hidden_states is not needed (the cross keys/values come from the cache)."""
    past_len = 0 if past is None else past[0][0].shape[2]
    h = embed(cfg, p, "decoder", input_ids, past_len)
    t = input_ids.shape[1]
    q_pos = torch.arange(t)[:, None] + past_len
    k_pos = torch.arange(past_len + t)[None, :]
    causal = torch.where(k_pos > q_pos, torch.tensor(torch.finfo(h.dtype).min, dtype=h.dtype),
                         torch.tensor(0.0, dtype=h.dtype))
    enc_mask = padding_mask(encoder_attention_mask, h.dtype)
    presents = []
    for i in range(cfg["decoder_layers"]):
        pre = f"decoder.layers.{i}"
        k = heads(cfg, lin(p, pre + ".self_attn.k_proj", h))
        v = heads(cfg, lin(p, pre + ".self_attn.v_proj", h))
        if past is not None:
            k = torch.cat([past[i][0], k], dim=2)
            v = torch.cat([past[i][1], v], dim=2)
            ck, cv = past[i][2], past[i][3]
        else:
            ck = heads(cfg, lin(p, pre + ".encoder_attn.k_proj", encoder_hidden_states))
            cv = heads(cfg, lin(p, pre + ".encoder_attn.v_proj", encoder_hidden_states))
        h = ln(p, pre + ".self_attn_layer_norm", h + attend(cfg, p, pre + ".self_attn", h, k, v, causal))
        h = ln(p, pre + ".encoder_attn_layer_norm",
               h + attend(cfg, p, pre + ".encoder_attn", h, ck, cv, enc_mask))
        f = lin(p, pre + ".fc2", act(cfg, lin(p, pre + ".fc1", h)))
        h = ln(p, pre + ".final_layer_norm", h + f)
        presents.append((k, v, ck, cv))
    logits = F.linear(h, p["shared.weight"]) + p["final_logits_bias"]
    return logits, presents


class _Holder(torch.nn.Module):
    def __init__(self, cfg, params):
        super().__init__()
        self.cfg = cfg
        self.names = sorted(params)
        for i, n in enumerate(self.names):
            self.register_buffer(f"w{i}", params[n].clone())

    def params(self):
        return {n: getattr(self, f"w{i}") for i, n in enumerate(self.names)}


class EncoderExport(_Holder):
    def forward(self, input_ids, attention_mask):
        return encoder_forward(self.cfg, self.params(), input_ids, attention_mask)


class DecoderExport(_Holder):
    def forward(self, encoder_attention_mask, input_ids, encoder_hidden_states):
        logits, presents = decoder_forward(self.cfg, self.params(), input_ids, encoder_attention_mask,
                                           encoder_hidden_states=encoder_hidden_states)
        return (logits,) + tuple(t for layer in presents for t in layer)


class DecoderWithPastExport(_Holder):
    def forward(self, encoder_attention_mask, input_ids, *flat_past):
        past = [tuple(flat_past[4 * i:4 * i + 4]) for i in range(self.cfg["decoder_layers"])]
        logits, presents = decoder_forward(self.cfg, self.params(), input_ids, encoder_attention_mask,
                                           past=past)
        return (logits,) + tuple(t for layer in presents for t in layer[:2])


# ----------------------------------------------------------------------------------------------
# ONNX: export, merge (Optimum's merge_decoders), int8 dynamic quantization (ORT's quantize_dynamic)
# ----------------------------------------------------------------------------------------------

def past_names(cfg, prefix, with_encoder=True):
    out = []
    for i in range(cfg["decoder_layers"]):
        out += [f"{prefix}.{i}.decoder.key", f"{prefix}.{i}.decoder.value"]
        if with_encoder:
            out += [f"{prefix}.{i}.encoder.key", f"{prefix}.{i}.encoder.value"]
    return out


def export_onnx(cfg, params, out_dir, check_static=True):
    """Writes encoder_model.onnx, decoder_model.onnx, decoder_with_past_model.onnx; returns paths."""
    os.makedirs(out_dir, exist_ok=True)
    H, Dh, d = cfg["heads"], cfg["head_dim"], cfg["d_model"]
    b, s, t, past = 2, 5, 3, 4  # dummy sizes all different, so nothing can be baked in silently
    ids = torch.randint(3, cfg["vocab_size"] - 1, (b, s), generator=torch.Generator().manual_seed(1))
    mask = torch.ones(b, s, dtype=torch.long)
    enc = EncoderExport(cfg, params).eval()
    paths = {}
    with torch.no_grad():
        paths["encoder"] = os.path.join(out_dir, "encoder_model.onnx")
        torch.onnx.export(enc, (ids, mask), paths["encoder"], opset_version=OPSET,
                          input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}},
                          do_constant_folding=True)
        hidden = enc(ids, mask)
        dec = DecoderExport(cfg, params).eval()
        dec_ids = torch.randint(3, cfg["vocab_size"] - 1, (b, t), generator=torch.Generator().manual_seed(2))
        outs = ["logits"] + past_names(cfg, "present")
        axes = {"encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                "input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
                "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        for n in past_names(cfg, "present"):
            axes[n] = {0: "batch_size", 2: "encoder_sequence_length_out" if ".encoder." in n
                       else "past_decoder_sequence_length + 1"}
        paths["decoder"] = os.path.join(out_dir, "decoder_model.onnx")
        torch.onnx.export(dec, (mask, dec_ids, hidden), paths["decoder"], opset_version=OPSET,
                          input_names=["encoder_attention_mask", "input_ids", "encoder_hidden_states"],
                          output_names=outs, dynamic_axes=axes, do_constant_folding=True)
        wp = DecoderWithPastExport(cfg, params).eval()
        g = torch.Generator().manual_seed(3)
        flat = []
        for i in range(cfg["decoder_layers"]):
            flat += [torch.randn(b, H, past, Dh, generator=g), torch.randn(b, H, past, Dh, generator=g),
                     torch.randn(b, H, s, Dh, generator=g), torch.randn(b, H, s, Dh, generator=g)]
        one = dec_ids[:, :1]
        ins = ["encoder_attention_mask", "input_ids"] + past_names(cfg, "past_key_values")
        outs = ["logits"] + past_names(cfg, "present", with_encoder=False)
        axes = {"encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                "input_ids": {0: "batch_size"}, "logits": {0: "batch_size"}}
        for n in past_names(cfg, "past_key_values"):
            axes[n] = {0: "batch_size", 2: "encoder_sequence_length_out" if ".encoder." in n
                       else "past_decoder_sequence_length"}
        for n in past_names(cfg, "present", with_encoder=False):
            axes[n] = {0: "batch_size", 2: "past_decoder_sequence_length + 1"}
        paths["with_past"] = os.path.join(out_dir, "decoder_with_past_model.onnx")
        torch.onnx.export(wp, (mask, one, *flat), paths["with_past"], opset_version=OPSET,
                          input_names=ins, output_names=outs, dynamic_axes=axes, do_constant_folding=True)
    for path in paths.values():
        m = onnx.load(path)
        m.producer_name = "tarjama generate_tiny_models.py"
        m.doc_string = ""
        onnx.checker.check_model(m)
        if check_static:
            assert_no_baked_sizes(m, path)
        onnx.save(m, path)
    return paths


def assert_no_baked_sizes(model, path):
    """A Reshape target holding a dummy export size would mean a dimension froze in tracing."""
    consts = {}
    for init in model.graph.initializer:
        consts[init.name] = numpy_helper.to_array(init)
    for node in model.graph.node:
        if node.op_type == "Constant":
            consts[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    for node in model.graph.node:
        if node.op_type in ("Reshape", "Expand", "Tile") and node.input[1] in consts:
            shape = consts[node.input[1]].tolist()
            assert not any(x in (2, 3, 4, 5) for x in shape), f"{path}: {node.name} has static shape {shape}"


def _init_key(t):
    a = numpy_helper.to_array(t)
    return hashlib.sha1(a.dtype.str.encode() + str(a.shape).encode() + a.tobytes()).hexdigest()


def merge_decoders(cfg, no_past, with_past):
    """Optimum's merge_decoders: one graph, an If on use_cache_branch; initializers deduplicated."""
    H, Dh = cfg["heads"], cfg["head_dim"]
    top_inits, by_key, used = [], {}, set()

    def take(graph, tag):
        rename = {}
        for init in graph.initializer:
            key = _init_key(init)
            if key not in by_key:
                name = init.name if init.name not in used else f"{tag}/{init.name}"
                used.add(name)
                t = copy.deepcopy(init)
                t.name = name
                top_inits.append(t)
                by_key[key] = name
            rename[init.name] = by_key[key]
        return rename

    outer_inputs = {i.name for i in no_past.graph.input} | {i.name for i in with_past.graph.input}

    def branch(graph, tag, extra_outputs):
        rename = take(graph, tag)

        def r(n):
            if n == "" or n in outer_inputs:
                return n
            return rename.get(n, f"{tag}/{n}")

        nodes = []
        for node in graph.node:
            nn = copy.deepcopy(node)
            nn.name = f"{tag}/{node.name}"
            del nn.input[:]
            nn.input.extend(r(x) for x in node.input)
            del nn.output[:]
            nn.output.extend(r(x) for x in node.output)
            nodes.append(nn)
        produced = {o.name: r(o.name) for o in graph.output}
        outputs = []
        for name in ["logits"] + past_names(cfg, "present"):
            if name in produced:
                outputs.append(helper.make_tensor_value_info(produced[name], TensorProto.FLOAT, None))
            else:
                const = f"{tag}/{name}"
                empty = numpy_helper.from_array(np.zeros((0, H, 1, Dh), dtype=np.float32), const + "_value")
                nodes.append(helper.make_node("Constant", [], [const], name=const + "_const", value=empty))
                outputs.append(helper.make_tensor_value_info(const, TensorProto.FLOAT, None))
        return helper.make_graph(nodes, tag, [], outputs)

    else_g = branch(no_past.graph, "decoder_model", None)
    then_g = branch(with_past.graph, "decoder_with_past_model", None)
    out_names = ["logits"] + past_names(cfg, "present")
    if_node = helper.make_node("If", ["use_cache_branch"], out_names, name="optimum::if",
                               then_branch=then_g, else_branch=else_g)
    inputs = [copy.deepcopy(i) for i in no_past.graph.input]
    for i in with_past.graph.input:
        if i.name not in {x.name for x in inputs}:
            inputs.append(copy.deepcopy(i))
    inputs.append(helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1]))
    outputs = [copy.deepcopy(o) for o in no_past.graph.output]
    for o in outputs:  # with the cache, the decoder length is 1 and the encoder outputs are empty
        dims = o.type.tensor_type.shape.dim
        if o.name == "logits":
            dims[1].dim_param = "decoder_sequence_length"
        elif ".encoder." in o.name:
            dims[0].dim_param = "encoder_batch_size"
            dims[2].dim_param = "encoder_sequence_length_out"
    graph = helper.make_graph([if_node], "merged_decoder", inputs, outputs, top_inits)
    model = helper.make_model(graph, opset_imports=list(no_past.opset_import),
                              producer_name="tarjama generate_tiny_models.py")
    model.ir_version = no_past.ir_version
    onnx.checker.check_model(model)
    return model


def quantize_dynamic(model):
    """ORT's quantize_dynamic for MatMul with an fp32 initializer B: per-tensor symmetric int8
    weights, DynamicQuantizeLinear on the activation, MatMulInteger, Cast, Mul by the scales."""
    m = copy.deepcopy(model)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes, new_inits, quantized_act, done_w = [], [], {}, {}
    for node in g.node:
        w = node.input[1] if node.op_type == "MatMul" else None
        if w is None or w not in inits or inits[w].data_type != TensorProto.FLOAT \
                or len(inits[w].dims) != 2:
            new_nodes.append(node)
            continue
        if w not in done_w:
            arr = numpy_helper.to_array(inits[w]).astype(np.float32)
            rmax = float(np.abs(arr).max())
            scale = np.float32(rmax * 2 / 254) if rmax > 0 else np.float32(1.0)
            q = np.clip(np.round(arr / scale), -127, 127).astype(np.int8)
            new_inits += [numpy_helper.from_array(q, w + "_quantized"),
                          numpy_helper.from_array(np.array(scale, dtype=np.float32), w + "_scale"),
                          numpy_helper.from_array(np.array(0, dtype=np.int8), w + "_zero_point")]
            done_w[w] = True
        a = node.input[0]
        if a not in quantized_act:
            base = a.replace("/", "_").replace(":", "_") + "_dq"
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [a],
                                              [base + "_quantized", base + "_scale", base + "_zero_point"],
                                              name=base + "_DynamicQuantizeLinear"))
            quantized_act[a] = base
        base = quantized_act[a]
        out = node.output[0]
        tag = (node.name or out).replace("/", "_").replace(":", "_")
        new_nodes += [
            helper.make_node("MatMulInteger", [base + "_quantized", w + "_quantized", base + "_zero_point",
                                               w + "_zero_point"], [tag + "_int32"], name=tag + "_quant"),
            helper.make_node("Cast", [tag + "_int32"], [tag + "_cast"], to=TensorProto.FLOAT,
                             name=tag + "_cast_node"),
            helper.make_node("Mul", [base + "_scale", w + "_scale"], [tag + "_scales"], name=tag + "_scales_mul"),
            helper.make_node("Mul", [tag + "_cast", tag + "_scales"], [out], name=tag + "_output_mul"),
        ]
    del g.node[:]
    g.node.extend(new_nodes)
    still_used = {x for n in g.node for x in n.input}
    kept = [i for i in g.initializer if i.name in still_used]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    onnx.checker.check_model(m)
    return m


# ----------------------------------------------------------------------------------------------
# Reference decoder: docs/generation.md, on float64 logits from a full recompute every step
# ----------------------------------------------------------------------------------------------

NEG_INF = float("-inf")


def log_softmax(x):
    """generation.md's numerics: float32 in, max subtracted, exp summed in float64, float32 out."""
    x64 = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x64)
    m = np.max(x64[finite]) if finite.any() else 0.0
    return (x64 - m - math.log(np.sum(np.exp(x64 - m)))).astype(np.float32)


class Settings:
    def __init__(self, name, gen, **kw):
        self.name = name
        self.num_beams = kw.get("num_beams", 4)
        self.max_length = kw.get("max_length", gen["max_length"])
        self.max_new_tokens = kw.get("max_new_tokens")
        self.min_length = kw.get("min_length", 0)
        self.min_new_tokens = kw.get("min_new_tokens")
        self.no_repeat_ngram_size = kw.get("no_repeat_ngram_size", 0)
        self.repetition_penalty = kw.get("repetition_penalty", 1.0)
        self.length_penalty = kw.get("length_penalty", 1.0)
        self.early_stopping = kw.get("early_stopping", False)  # True, False or "never"
        self.renormalize_logits = kw.get("renormalize_logits", False)
        self.bad_words_ids = kw.get("bad_words_ids", gen.get("bad_words_ids", []))
        self.eos_token_id = gen["eos_token_id"]
        # HF's NoBadWordsLogitsProcessor drops [eos]: EOS can never be banned this way.
        self._bad = [b for b in self.bad_words_ids if list(b) != [self.eos_token_id]]
        self.forced_bos_token_id = kw.get("forced_bos_token_id")
        self.forced_eos_token_id = kw.get("forced_eos_token_id")
        self.pad_token_id = gen["pad_token_id"]
        self.decoder_start_token_id = gen["decoder_start_token_id"]

    def effective_max_length(self):
        return max(2, 1 + self.max_new_tokens if self.max_new_tokens is not None else self.max_length)

    def to_json(self):
        d = {k: v for k, v in self.__dict__.items() if k != "name" and not k.startswith("_")}
        # Settings added later appear only where used, so the first goldens keep their bytes.
        for later, default in (("min_new_tokens", None), ("renormalize_logits", False)):
            if d[later] == default:
                del d[later]
        d["effective_max_length"] = self.effective_max_length()
        return d

    def process(self, hist, scores):
        """The logits processors of generation.md, in order; never modifies its input."""
        s = np.array(scores, dtype=np.float32, copy=True)
        cur_len = len(hist)
        if self.repetition_penalty != 1.0:
            p = np.float32(self.repetition_penalty)
            for t in set(hist):
                s[t] = s[t] * p if s[t] < 0 else s[t] / p
        n = self.no_repeat_ngram_size
        if n > 0 and cur_len >= n:
            prefix = tuple(hist[cur_len - n + 1:])
            for i in range(cur_len - n + 1):
                if tuple(hist[i:i + n - 1]) == prefix:
                    s[hist[i + n - 1]] = NEG_INF
        for bad in self._bad:
            if len(bad) == 1 or (cur_len >= len(bad) and list(hist[cur_len - len(bad) + 1:]) == list(bad[:-1])):
                s[bad[-1]] = NEG_INF
        if cur_len < self.min_length:
            s[self.eos_token_id] = NEG_INF
        # HF 4.38's MinNewTokensLengthLogitsProcessor: the decoder prompt (start token) is skipped.
        if self.min_new_tokens is not None and cur_len - 1 < self.min_new_tokens:
            s[self.eos_token_id] = NEG_INF
        if self.forced_bos_token_id is not None and cur_len == 1:
            s[:] = NEG_INF
            s[self.forced_bos_token_id] = 0.0
        if self.forced_eos_token_id is not None and cur_len == self.effective_max_length() - 1:
            s[:] = NEG_INF
            s[self.forced_eos_token_id] = 0.0
        if self.renormalize_logits:
            s = log_softmax(s)  # HF's LogitNormalization, always last
        return s


class Margins:
    """Smallest score gaps behind each decision; fp32 engines must not flip any of them."""

    def __init__(self):
        self.min = float("inf")
        self.where = None

    def gap(self, a, b, where, scale=1.0):
        """scale: a length-penalised score's denominator, so that gaps are measured in summed
        log-probabilities, the unit fp32 errors come in."""
        if not (math.isfinite(a) and math.isfinite(b)):
            return
        g = abs(a - b) * scale
        if g < self.min:
            self.min, self.where = g, where


def greedy(step, st, margins, label):
    eos, max_len = st.eos_token_id, st.effective_max_length()
    hist, lps = [st.decoder_start_token_id], []
    finish = "max_length"
    while True:
        proc = st.process(hist, step([hist])[0])
        order = np.argsort(-proc, kind="stable")
        margins.gap(proc[order[0]], proc[order[1]], f"{label} greedy step {len(hist)}")
        tok = int(order[0])
        lps.append(float(log_softmax(proc)[tok]))
        hist.append(tok)
        if tok == eos:
            finish = "forced_eos" if st.forced_eos_token_id is not None and len(hist) == max_len else "eos"
            break
        if len(hist) >= max_len:
            break
    return hist[1:], lps, finish


class Hyps:
    def __init__(self, k, lp, margins, label):
        self.k, self.lp, self.beams, self.worst = k, lp, [], 1e9
        self.margins, self.label = margins, label

    def add(self, ids, lps, sum_lp, gen_len, finish):
        score = sum_lp / (gen_len ** self.lp)
        if len(self.beams) >= self.k:
            self.margins.gap(score, self.worst, self.label + " hypothesis vs worst", gen_len ** self.lp)
        if len(self.beams) < self.k or score > self.worst:
            self.beams.append((score, ids, lps, finish))
            if len(self.beams) > self.k:
                srt = sorted((s, i) for i, (s, _, _, _) in enumerate(self.beams))
                del self.beams[srt[0][1]]
                self.worst = srt[1][0]
            else:
                self.worst = min(score, self.worst)


def beam_search(step, st, margins, label):
    """generation.md's beam search, with its float32 beam scores."""
    k, V = st.num_beams, None
    eos, max_len, lp = st.eos_token_id, st.effective_max_length(), st.length_penalty
    hist = [[st.decoder_start_token_id] for _ in range(k)]
    lps = [[] for _ in range(k)]
    beam_scores = np.array([0.0] + [-1e9] * (k - 1), dtype=np.float32)
    hyps = Hyps(k, lp, margins, label)
    done = False
    while True:
        cur_len = len(hist[0])
        logits = step(hist)
        V = logits.shape[1]
        proc = np.stack([st.process(hist[b], log_softmax(logits[b])) for b in range(k)])
        cand = (proc + beam_scores[:, None]).reshape(-1)
        flat = np.argsort(-cand, kind="stable")[:2 * k + 1]
        nxt = []
        for r, fi in enumerate(flat[:2 * k]):
            b, tok = divmod(int(fi), V)
            if tok == eos:
                if r >= k:
                    continue
                hyps.add(hist[b][1:] + [eos], lps[b] + [float(proc[b, tok])], float(cand[fi]), cur_len,
                         "forced_eos" if st.forced_eos_token_id is not None and cur_len + 1 == max_len else "eos")
            else:
                nxt.append((b, tok, float(cand[fi]), r))
            if len(nxt) == k:
                break
        # The decisions above hang on the order at the cut after the k-th next beam, and at the
        # rank-k boundary when an EOS sits there.
        cut = nxt[-1][3]
        margins.gap(cand[flat[cut]], cand[flat[cut + 1]], f"{label} beam cut step {cur_len}")
        if any(int(fi) % V == eos for fi in flat[:k + 1]):
            margins.gap(cand[flat[k - 1]], cand[flat[k]], f"{label} beam eos rank step {cur_len}")
        if len(hyps.beams) >= k:
            if st.early_stopping is True:
                done = True
            else:
                # HF's is_done: "never" with a positive length penalty divides by the longest
                # generated length still reachable (max_length - decoder_prompt_len).
                denom = max_len - 1 if st.early_stopping == "never" and lp > 0 else cur_len
                best_possible = float(cand[flat[0]]) / (denom ** lp)
                margins.gap(hyps.worst, best_possible, f"{label} is_done step {cur_len}", denom ** lp)
                done = hyps.worst >= best_possible
        hist = [hist[b] + [tok] for b, tok, _, _ in nxt]
        lps = [lps[b] + [float(proc[b, tok])] for b, tok, _, _ in nxt]
        beam_scores = np.array([s for _, _, s, _ in nxt], dtype=np.float32)
        if done:
            break
        if len(hist[0]) >= max_len:
            for b in range(k):
                hyps.add(hist[b][1:], lps[b], float(beam_scores[b]), len(hist[b]) - 1, "max_length")
            break
    best = sorted(hyps.beams, key=lambda x: x[0])
    if len(best) > 1:
        margins.gap(best[-1][0], best[-2][0], f"{label} best hypothesis",
                    min(len(best[-1][1]), len(best[-2][1])) ** st.length_penalty)
    score, ids, tok_lps, finish = best[-1]
    return ids, tok_lps, finish, score


def make_step(cfg, params64, input_ids):
    """Full recompute of the decoder for every history, float64: independent of any cache."""
    src = torch.tensor([input_ids])
    mask = torch.ones_like(src)
    with torch.no_grad():
        enc = encoder_forward(cfg, params64, src, mask)

    def step(hists):
        ids = torch.tensor(hists)
        n = ids.shape[0]
        with torch.no_grad():
            logits, _ = decoder_forward(cfg, params64, ids, mask.expand(n, -1),
                                        encoder_hidden_states=enc.expand(n, -1, -1))
        return logits[:, -1].numpy().astype(np.float32)

    return step


def check_cache_path(cfg, params, input_ids, dec_ids, tol=1e-4):
    """The exported wrappers' cache path (decoder then with-past, step by step, float32) must give
    the full-recompute logits."""
    src = torch.tensor([input_ids])
    mask = torch.ones_like(src)
    enc = EncoderExport(cfg, params)
    dec = DecoderExport(cfg, params)
    wp = DecoderWithPastExport(cfg, params)
    p64 = {k: v.double() for k, v in params.items()}
    worst = 0.0
    with torch.no_grad():
        h = enc(src, mask)
        h64 = encoder_forward(cfg, p64, src, mask)
        full, _ = decoder_forward(cfg, p64, torch.tensor([dec_ids]), mask, encoder_hidden_states=h64)
        out = dec(mask, torch.tensor([dec_ids[:1]]), h)
        logits, flat = out[0], list(out[1:])
        worst = max(worst, float((logits[0, -1].double() - full[0, 0]).abs().max()))
        enc_kv = [flat[4 * i + 2:4 * i + 4] for i in range(cfg["decoder_layers"])]
        self_kv = [flat[4 * i:4 * i + 2] for i in range(cfg["decoder_layers"])]
        for t in range(1, len(dec_ids)):
            past = []
            for i in range(cfg["decoder_layers"]):
                past += list(self_kv[i]) + list(enc_kv[i])
            out = wp(mask, torch.tensor([[dec_ids[t]]]), *past)
            worst = max(worst, float((out[0][0, -1].double() - full[0, t]).abs().max()))
            self_kv = [out[1 + 2 * i:3 + 2 * i] for i in range(cfg["decoder_layers"])]
    assert worst < tol, f"cache path differs from full recompute by {worst}"
    return worst


# ----------------------------------------------------------------------------------------------
# Writing a model family
# ----------------------------------------------------------------------------------------------

def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_compact_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def write_layouts(cfg, params, optimum_dir, xenova_dir, jsons, quantize=True):
    """Optimum layout (split decoders at the root) and transformers.js layout (onnx/ merged +
    quantized). jsons: file name -> (object, compact?)."""
    for d in (optimum_dir, xenova_dir):
        if d and os.path.isdir(d):
            shutil.rmtree(d)
    paths = export_onnx(cfg, params, optimum_dir)
    for name, (obj, compact) in jsons.items():
        for d in (optimum_dir, xenova_dir):
            if d:
                (write_compact_json if compact else write_json)(os.path.join(d, name), obj)
    if not xenova_dir:
        return
    onnx_dir = os.path.join(xenova_dir, "onnx")
    os.makedirs(onnx_dir)
    enc = onnx.load(paths["encoder"])
    no_past = onnx.load(paths["decoder"])
    with_past = onnx.load(paths["with_past"])
    onnx.save(enc, os.path.join(onnx_dir, "encoder_model.onnx"))
    onnx.save(merge_decoders(cfg, no_past, with_past), os.path.join(onnx_dir, "decoder_model_merged.onnx"))
    if quantize:
        onnx.save(quantize_dynamic(enc), os.path.join(onnx_dir, "encoder_model_quantized.onnx"))
        merged_q = merge_decoders(cfg, quantize_dynamic(no_past), quantize_dynamic(with_past))
        onnx.save(merged_q, os.path.join(onnx_dir, "decoder_model_merged_quantized.onnx"))


def run_goldens(cfg, params, cases, settings_list, encode, decode):
    """cases: [(text, input_ids)] -> golden records and the smallest margin."""
    p64 = {k: v.double() for k, v in params.items()}
    margins = Margins()
    records = []
    for text, ids in cases:
        step = make_step(cfg, p64, ids)
        rec = {"text": text, "input_ids": ids, "outputs": {}}
        for st in settings_list:
            gst = copy.copy(st)
            gst.num_beams = 1
            g_ids, g_lps, g_fin = greedy(step, gst, margins, f"[{text[:20]}] {st.name}")
            b_ids, b_lps, b_fin, b_rank = beam_search(step, st, margins, f"[{text[:20]}] {st.name}")
            rec["outputs"][st.name] = {
                "greedy": {"ids": g_ids, "text": decode(g_ids), "score": float(np.mean(g_lps)),
                           "finish": g_fin},
                "beam": {"ids": b_ids, "text": decode(b_ids), "score": float(np.mean(b_lps)),
                         "ranking_score": b_rank, "finish": b_fin},
            }
        records.append(rec)
    return records, margins


# ----------------------------------------------------------------------------------------------
# Marian
# ----------------------------------------------------------------------------------------------

def marian_cfg(vocab_size, d_model=16, layers=2, heads=2, ffn=32, max_pos=512, emb_std=0.7):
    return {"kind": "marian", "d_model": d_model, "encoder_layers": layers, "decoder_layers": layers,
            "heads": heads, "head_dim": d_model // heads, "ffn": ffn, "vocab_size": vocab_size,
            "max_pos": max_pos, "pos": "sinusoidal", "scale_embedding": True, "ln_embedding": False,
            "act": "swish", "emb_std": emb_std}


def marian_config_json(cfg, name):
    pad = cfg["vocab_size"] - 1
    return {
        "_name_or_path": name,
        "activation_dropout": 0.0,
        "activation_function": "swish",
        "architectures": ["MarianMTModel"],
        "attention_dropout": 0.0,
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "classif_dropout": 0.0,
        "classifier_dropout": 0.0,
        "d_model": cfg["d_model"],
        "decoder_attention_heads": cfg["heads"],
        "decoder_ffn_dim": cfg["ffn"],
        "decoder_layerdrop": 0.0,
        "decoder_layers": cfg["decoder_layers"],
        "decoder_start_token_id": pad,
        "decoder_vocab_size": cfg["vocab_size"],
        "dropout": 0.1,
        "encoder_attention_heads": cfg["heads"],
        "encoder_ffn_dim": cfg["ffn"],
        "encoder_layerdrop": 0.0,
        "encoder_layers": cfg["encoder_layers"],
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": 512,
        "max_position_embeddings": cfg["max_pos"],
        "model_type": "marian",
        "normalize_before": False,
        "normalize_embedding": False,
        "num_beams": 4,
        "num_hidden_layers": cfg["encoder_layers"],
        "pad_token_id": pad,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "static_position_embeddings": True,
        "transformers_version": "4.38.2",
        "use_cache": True,
        "vocab_size": cfg["vocab_size"],
    }


def marian_generation_config(cfg):
    pad = cfg["vocab_size"] - 1
    return {
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "decoder_start_token_id": pad,
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "max_length": 512,
        "num_beams": 4,
        "pad_token_id": pad,
        "transformers_version": "4.38.2",
    }


MARIAN_SEED = 5
MARIAN_EOS_BIAS = 6.0


def marian_model():
    vocab = marian_vocab(marian_pieces())
    cfg = marian_cfg(len(vocab))
    tok = UnigramTokenizer(vocab, unk_id=1, specials=["</s>", "<unk>", "<pad>"])
    params = init_params(cfg, MARIAN_SEED)
    # Random weights rarely emit EOS; this bias makes some outputs end early and others run long.
    params["final_logits_bias"][0] += MARIAN_EOS_BIAS
    return vocab, cfg, tok, params


def rebuild(family):
    """(cfg, params) of a tiny family, for checks outside this script."""
    if family == "marian":
        _, cfg, _, params = marian_model()
        return cfg, params
    if family == "bart":
        _, _, cfg, _, params = bart_model()
        return cfg, params
    raise ValueError(family)


def build_marian(out_root):
    vocab, cfg, tok, params = marian_model()
    V = len(vocab)
    tj = marian_tokenizer_json(vocab)
    gen = marian_generation_config(cfg)
    jsons = {"config.json": (marian_config_json(cfg, "tarjama/tiny-marian-ar-en"), False),
             "generation_config.json": (gen, False),
             "tokenizer.json": (tj, True),
             "tokenizer_config.json": ({"model_max_length": 512, "eos_token": "</s>", "unk_token": "<unk>",
                                        "pad_token": "<pad>", "tokenizer_class": "MarianTokenizer"}, False)}

    cases = [(t, tok.encode(t)) for t in SAMPLE_MARIAN]
    pad = V - 1
    common = tok.ids[SP + "الأسبوع"]
    settings = [
        Settings("hf_default_like", gen, num_beams=4, max_length=24, min_length=0, no_repeat_ngram_size=3,
                 repetition_penalty=1.0, length_penalty=1.0, early_stopping=True,
                 bad_words_ids=[[pad]], forced_eos_token_id=0),
        Settings("penalties", gen, num_beams=3, max_length=512, max_new_tokens=16, min_length=5,
                 no_repeat_ngram_size=2, repetition_penalty=1.5, length_penalty=2.0, early_stopping=False,
                 bad_words_ids=[[pad], [common, tok.ids[SP + "المقبل"]]], forced_eos_token_id=None),
    ]
    records, margins = run_goldens(cfg, params, cases, settings, tok.encode, tok.decode)
    print(f"marian: vocab {V}, minimal margin {margins.min:.3g} at {margins.where}")
    assert margins.min >= MIN_MARGIN, "a golden decision is too close to call in fp32: change seed/inputs"

    worst = check_cache_path(cfg, params, cases[3][1], records[3]["outputs"]["hf_default_like"]["greedy"]["ids"][:12])
    print(f"marian: cache path vs full recompute max |diff| {worst:.2e}")

    write_layouts(cfg, params, os.path.join(out_root, "marian-optimum"), os.path.join(out_root, "marian-xenova"), jsons)
    gold_dir = os.path.join(out_root, "goldens")
    bad = copy.deepcopy(tj)
    bad["normalizer"] = {"type": "Precompiled", "precompiled_charsmap": None}
    write_compact_json(os.path.join(gold_dir, "tokenizer-precompiled-null.json"), bad)
    write_marian_goldens(os.path.join(gold_dir, "marian.json"),
                         "Tiny Marian goldens from the reference decoder in models/tools/generate_tiny_models.py "
                         "(float64 full recompute, docs/generation.md). ids exclude the decoder start and include "
                         "EOS when produced; score = mean token log-probability; finish: eos | forced_eos | "
                         "max_length.", margins, settings, records)
    write_marian_semantics(cfg, params, tok, cases, gen, gold_dir)
    return cfg, params, tok, records


def write_marian_semantics(cfg, params, tok, cases, gen, gold_dir):
    """goldens/marian-semantics.json: settings added after marian.json, in their own file (with their
    own margin check) so that marian.json keeps its bytes."""
    pad = len(tok.ids) - 1
    settings = [
        # min_new_tokens and "never" with a positive length penalty (bounded by max_length - 1).
        Settings("min_new_never_b3", gen, num_beams=3, max_length=512, max_new_tokens=16, min_new_tokens=8,
                 no_repeat_ngram_size=3, length_penalty=1.0, early_stopping="never",
                 bad_words_ids=[[pad]], forced_eos_token_id=0),
        # "never" with the other settings opus-mt's own generation_config.json has (renormalize_logits).
        Settings("never_renormalize_b4", gen, num_beams=4, max_length=22, min_new_tokens=4,
                 no_repeat_ngram_size=3, length_penalty=1.0, early_stopping="never", renormalize_logits=True,
                 bad_words_ids=[[pad]], forced_eos_token_id=0),
        # Exactly the folder's generation_config.json with 40 new tokens: what HF writes when
        # Tarjama's source-length cap is off (translate --set generation.max_length_per_source_token=0).
        Settings("folder_max_new_40", gen, num_beams=gen["num_beams"], max_length=gen["max_length"],
                 max_new_tokens=40, bad_words_ids=gen["bad_words_ids"],
                 forced_eos_token_id=gen["forced_eos_token_id"]),
    ]
    cases = cases + [(t, tok.encode(t)) for t in SAMPLE_MARIAN_NEVER]
    records, margins = run_goldens(cfg, params, cases, settings, tok.encode, tok.decode)
    print(f"marian-semantics: minimal margin {margins.min:.3g} at {margins.where}")
    assert margins.min >= MIN_MARGIN, "a golden decision is too close to call in fp32: change the settings"
    write_marian_goldens(os.path.join(gold_dir, "marian-semantics.json"),
                         "Tiny Marian goldens for min_new_tokens, early_stopping \"never\", renormalize_logits and "
                         "the folder's own settings, from the same reference decoder as marian.json, on its inputs "
                         "and three more on which \"never\" and false differ.", margins, settings, records)


def write_marian_goldens(path, about, margins, settings, records):
    write_json(path, {
        "about": about,
        "models": ["marian-optimum", "marian-xenova"],
        "min_margin": margins.min,
        "settings": {st.name: st.to_json() for st in settings},
        "cases": records,
    })


# ----------------------------------------------------------------------------------------------
# BART (sshleifer/distilbart-cnn-6-6 architecture): byte-level BPE tokenizer and model
# ----------------------------------------------------------------------------------------------

BART_CORPUS = """
The government announced a new plan on Tuesday to support the economy after oil prices fell.
The minister said the talks with the United Nations would resume next week in Cairo.
Officials said the president will visit the region for two days and meet local leaders.
Stock markets rose sharply as investors welcomed the decision of the central bank.
Heavy rain and strong winds are expected in the capital, the weather service said.
The national team won the match and will play in the final of the tournament on Friday.
Police said three people were killed and several others wounded in the attack.
The company reported that its profits increased by 12 percent in the first quarter.
Aid agencies warned that thousands of refugees need food, water and medical care.
The parliament approved the budget for the next year after a long debate.
According to the statement, the meeting discussed security, trade and energy.
Prices of bread and fuel have increased, and many families say life is harder.
"""

SAMPLE_BART = [
    "The government announced a new plan on Tuesday to support the economy. The minister said "
    "the plan would create jobs and help families after oil prices fell sharply this year.",
    "Heavy rain and strong winds hit the capital on Friday, the weather service said. Schools were "
    "closed and several roads were flooded.",
    "The national team won the match 2-1 and will play in the final of the tournament next week. "
    "\"We are very proud,\" the coach said.",
    "Stock markets rose as investors welcomed the decision of the central bank to keep interest "
    "rates unchanged.",
]


def bytes_to_unicode():
    """GPT-2's byte -> printable character map used by the ByteLevel pre-tokenizer."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_ENCODER = bytes_to_unicode()
BYTE_DECODER = {c: b for b, c in BYTE_ENCODER.items()}


def _is_letter(c):
    import unicodedata
    return unicodedata.category(c).startswith("L")


def _is_number(c):
    import unicodedata
    return unicodedata.category(c).startswith("N")


def gpt2_split(text):
    """The GPT-2 regex of the ByteLevel pre-tokenizer, as a scanner (no `regex` module here):
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"""
    out, i, n = [], 0, len(text)

    def run(j, pred):
        while j < n and pred(text[j]):
            j += 1
        return j

    def other(c):
        return not (c.isspace() or _is_letter(c) or _is_number(c))

    while i < n:
        c = text[i]
        if c == "'":
            for suf in ("s", "t", "re", "ve", "m", "ll", "d"):
                if text.startswith(suf, i + 1):
                    out.append(text[i:i + 1 + len(suf)])
                    i += 1 + len(suf)
                    break
            else:
                suf = None
            if suf is not None:
                continue
        start = i + 1 if (c == " " and i + 1 < n) else i
        matched = False
        for pred in (_is_letter, _is_number, other):
            if pred(text[start]) and (start == i or c == " "):
                j = run(start, pred)
                out.append(text[i:j])
                i = j
                matched = True
                break
        if matched:
            continue
        j = run(i, str.isspace)
        if j < n and j - i > 1:
            j -= 1  # \s+(?!\S): leave the last space to the next token
        out.append(text[i:j])
        i = j
    return out


def bpe_train(corpus, n_merges):
    words = {}
    for w in gpt2_split(corpus.replace("\n", " ").strip()):
        key = tuple(BYTE_ENCODER[b] for b in w.encode("utf-8"))
        words[key] = words.get(key, 0) + 1
    merges = []
    for _ in range(n_merges):
        counts = {}
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                counts[(a, b)] = counts.get((a, b), 0) + c
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        if counts[best] < 2:
            break
        merges.append(best)
        new = {}
        for w, c in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new[tuple(out)] = new.get(tuple(out), 0) + c
        words = new
    return merges


class ByteLevelBPE:
    """ByteLevel pre-tokenizer + BPE + ByteLevel decoder, as the Rust tokenizers library does."""

    def __init__(self, vocab, merges, specials):
        self.vocab = vocab  # token -> id
        self.inv = {i: t for t, i in vocab.items()}
        self.ranks = {m: r for r, m in enumerate(merges)}
        self.specials = set(specials)

    def bpe(self, word):
        syms = list(word)
        while len(syms) > 1:
            best = None
            for pos in range(len(syms) - 1):
                r = self.ranks.get((syms[pos], syms[pos + 1]))
                if r is not None and (best is None or r < best[0]):
                    best = (r, pos)
            if best is None:
                break
            pos = best[1]
            syms[pos:pos + 2] = [syms[pos] + syms[pos + 1]]
        return syms

    def encode(self, text, bos=0, eos=2):
        ids = [bos]
        for w in gpt2_split(text):
            mapped = "".join(BYTE_ENCODER[b] for b in w.encode("utf-8"))
            ids += [self.vocab[s] for s in self.bpe(mapped)]
        return ids + [eos]

    def decode(self, ids):
        s = "".join(self.inv[i] for i in ids if self.inv[i] not in self.specials)
        return bytes(BYTE_DECODER[c] for c in s).decode("utf-8", errors="replace")


def bart_tokenizer():
    merges = bpe_train(BART_CORPUS + " " + " ".join(SAMPLE_BART), 320)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for b in range(256):
        vocab[BYTE_ENCODER[b]] = len(vocab)
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    vocab["<mask>"] = len(vocab)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    return vocab, merges, ByteLevelBPE(vocab, merges, specials)


def bart_tokenizer_json(vocab, merges):
    def added(tid, content, lstrip=False):
        return {"id": tid, "content": content, "single_word": False, "lstrip": lstrip, "rstrip": False,
                "normalized": False, "special": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(0, "<s>"), added(1, "<pad>"), added(2, "</s>"), added(3, "<unk>"),
                         added(vocab["<mask>"], "<mask>", lstrip=True)],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
                           "trim_offsets": True, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [f"{a} {b}" for a, b in merges]},
    }


def bart_cfg(vocab_size):
    return {"kind": "bart", "d_model": 16, "encoder_layers": 2, "decoder_layers": 2, "heads": 2, "head_dim": 8,
            "ffn": 32, "vocab_size": vocab_size, "max_pos": 256, "pos": "learned", "scale_embedding": False,
            "ln_embedding": True, "act": "gelu", "emb_std": 0.7}


def bart_config_json(cfg):
    return {
        "_name_or_path": "tarjama/tiny-distilbart-cnn",
        "activation_dropout": 0.0,
        "activation_function": "gelu",
        "add_bias_logits": False,
        "add_final_layer_norm": False,
        "architectures": ["BartForConditionalGeneration"],
        "attention_dropout": 0.0,
        "bos_token_id": 0,
        "classif_dropout": 0.0,
        "classifier_dropout": 0.0,
        "d_model": cfg["d_model"],
        "decoder_attention_heads": cfg["heads"],
        "decoder_ffn_dim": cfg["ffn"],
        "decoder_layerdrop": 0.0,
        "decoder_layers": cfg["decoder_layers"],
        "decoder_start_token_id": 2,
        "dropout": 0.1,
        "early_stopping": True,
        "encoder_attention_heads": cfg["heads"],
        "encoder_ffn_dim": cfg["ffn"],
        "encoder_layerdrop": 0.0,
        "encoder_layers": cfg["encoder_layers"],
        "eos_token_id": 2,
        "extra_pos_embeddings": 2,
        "force_bos_token_to_be_generated": True,
        "forced_bos_token_id": 0,
        "forced_eos_token_id": 2,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "length_penalty": 2.0,
        "max_length": 142,
        "max_position_embeddings": cfg["max_pos"],
        "min_length": 56,
        "model_type": "bart",
        "no_repeat_ngram_size": 3,
        "normalize_before": False,
        "normalize_embedding": True,
        "num_beams": 4,
        "num_hidden_layers": cfg["encoder_layers"],
        "output_past": True,
        "pad_token_id": 1,
        "prefix": " ",
        "scale_embedding": False,
        "static_position_embeddings": False,
        "task_specific_params": {"summarization": {"early_stopping": True, "length_penalty": 2.0,
                                                   "max_length": 142, "min_length": 56,
                                                   "no_repeat_ngram_size": 3, "num_beams": 4}},
        "transformers_version": "4.38.2",
        "use_cache": True,
        "vocab_size": cfg["vocab_size"],
    }


def bart_generation_config():
    return {"bos_token_id": 0, "decoder_start_token_id": 2, "early_stopping": True, "eos_token_id": 2,
            "forced_bos_token_id": 0, "forced_eos_token_id": 2, "length_penalty": 2.0, "max_length": 142,
            "min_length": 56, "no_repeat_ngram_size": 3, "num_beams": 4, "pad_token_id": 1,
            "transformers_version": "4.38.2"}


BART_SEED = 10
BART_EOS_BIAS = 4.0


def bart_model():
    vocab, merges, tok = bart_tokenizer()
    cfg = bart_cfg(len(vocab))
    params = init_params(cfg, BART_SEED)
    # Raw bytes outside printable ASCII would decode to broken UTF-8; this model never emits them.
    for b, ch in BYTE_ENCODER.items():
        if b < 0x20 or b >= 0x7F:
            params["final_logits_bias"][vocab[ch]] -= 20.0
    params["final_logits_bias"][2] += BART_EOS_BIAS
    return vocab, merges, cfg, tok, params


def build_bart(out_root):
    vocab, merges, cfg, tok, params = bart_model()
    gen = bart_generation_config()
    jsons = {"config.json": (bart_config_json(cfg), False),
             "generation_config.json": (gen, False),
             "tokenizer.json": (bart_tokenizer_json(vocab, merges), True),
             "tokenizer_config.json": ({"model_max_length": cfg["max_pos"], "bos_token": "<s>", "eos_token": "</s>",
                                        "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
                                        "tokenizer_class": "BartTokenizer", "add_prefix_space": False}, False)}
    cases = [(t, tok.encode(t)) for t in SAMPLE_BART]
    settings = [Settings("distilbart_cnn", gen, num_beams=4, max_length=142, min_length=56,
                         no_repeat_ngram_size=3, repetition_penalty=1.0, length_penalty=2.0, early_stopping=True,
                         bad_words_ids=[], forced_bos_token_id=0, forced_eos_token_id=2)]
    records, margins = run_goldens(cfg, params, cases, settings, tok.encode, tok.decode)
    print(f"bart: vocab {len(vocab)}, minimal margin {margins.min:.3g} at {margins.where}")
    assert margins.min >= MIN_MARGIN, "a golden decision is too close to call in fp32: change seed/inputs"
    worst = check_cache_path(cfg, params, cases[0][1], [2] + records[0]["outputs"]["distilbart_cnn"]["greedy"]["ids"][:12])
    print(f"bart: cache path vs full recompute max |diff| {worst:.2e}")
    write_layouts(cfg, params, os.path.join(out_root, "bart-optimum"), os.path.join(out_root, "bart-xenova"), jsons)
    write_json(os.path.join(out_root, "goldens", "bart.json"), {
        "about": "Tiny BART goldens from the reference decoder in models/tools/generate_tiny_models.py "
                 "(float64 full recompute, docs/generation.md). ids exclude the decoder start and include "
                 "EOS when produced; score = mean token log-probability; finish: eos | forced_eos | max_length.",
        "models": ["bart-optimum", "bart-xenova"],
        "min_margin": margins.min,
        "settings": {st.name: st.to_json() for st in settings},
        "cases": records,
    })


# ----------------------------------------------------------------------------------------------
# Marian with SentencePiece files only (source.spm, target.spm, vocab.json), as Optimum exports it
# ----------------------------------------------------------------------------------------------

SAMPLE_SPM = [
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.",
    "  مسافات   زائدة  في  بداية   النص ونهايته  ",
    "ﻻ يوجد اتفاق حتى الآن بين الحكومة والبرلمان",
    "ارتفع سعر البرميل إلى ١٢٠ دولارا و 95 سنتا",
    "الأرقام بالعرض الكامل ١٢٣ و１２３ في التقرير",
    "حافظ الرئيس على النظام رغم الظروف الصعبة",
    "وصل الوفد إلى بيروت مع ضيوف من 中国",
    "الْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ",
    "قال: «نحن مستعدون للحوار»؛ وأضاف… هل ننتظر؟",
    "The talks resumed in Doha on Monday",
    "كلمة\u200bمخفية و الـــوزير",
]
SPM_DROPPED_LETTER = "ظ"  # vocab.json lacks the source pieces with this letter, as real vocabularies lack some


def _spm_corpus(words, n, seed, extra):
    rng = np.random.default_rng(seed)
    lines = list(extra)
    for _ in range(n):
        k = int(rng.integers(4, 12))
        lines.append(" ".join(words[int(i)] for i in rng.integers(0, len(words), k)))
    return lines


def train_spm(lines, vocab_size):
    import io
    import sentencepiece as spm
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=buf, vocab_size=vocab_size,
                                   model_type="unigram", character_coverage=1.0, num_threads=1,
                                   shuffle_input_sentence=False, input_sentence_size=0,
                                   hard_vocab_limit=False, minloglevel=2)
    return buf.getvalue()


def marian_spm_files():
    """(source.spm bytes, target.spm bytes, vocab.json dict, source processor)."""
    import sentencepiece as spm
    ar = _split_words(ARABIC_WORDS) + ["ظروف", "الظروف", "النظام", "حافظ", "نظر", "عظيم", "ظهر"]
    en = _split_words(ENGLISH_WORDS)
    # Lines that bring digits, punctuation, diacritics and some Latin into the source model, as
    # real news text does (and leave e.g. Chinese and tatweel unknown).
    misc = ["١٢٣٤٥٦٧٨٩٠ 1234567890 ، ؛ ؟ « » . , : ! ( ) - % \"",
            "الْعَرَبِيَّةُ جَمِيلَةٌ كِتَابٌ مُهِمٌّ وَزِيرٌ", "The minister said on Monday in Doha: talks resumed."]
    src = train_spm(_spm_corpus(ar, 600, 11, SAMPLE_MARIAN[:4] + misc * 3), 400)
    tgt = train_spm(_spm_corpus(en, 600, 12, [SAMPLE_MARIAN[4], misc[0], misc[2]]), 300)
    sp_src, sp_tgt = spm.SentencePieceProcessor(), spm.SentencePieceProcessor()
    sp_src.LoadFromSerializedProto(src)
    sp_tgt.LoadFromSerializedProto(tgt)
    specials = {"<unk>", "<s>", "</s>"}
    vocab = {"</s>": 0, "<unk>": 1}
    # Target pieces first: Marian ids are the shared vocabulary's, never SentencePiece's.
    for sp in (sp_tgt, sp_src):
        for i in range(sp.get_piece_size()):
            p = sp.id_to_piece(i)
            if p in specials or p in vocab or (sp is sp_src and SPM_DROPPED_LETTER in p):
                continue
            vocab[p] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return src, tgt, vocab, sp_src


MARIAN_SPM_SEED = 99


def build_marian_spm(out_root):
    src, tgt, vocab, sp_src = marian_spm_files()
    out = os.path.join(out_root, "marian-spm")
    cfg = marian_cfg(len(vocab))
    params = init_params(cfg, MARIAN_SPM_SEED)
    params["final_logits_bias"][0] += MARIAN_EOS_BIAS
    jsons = {"config.json": (marian_config_json(cfg, "tarjama/tiny-marian-spm-ar-en"), False),
             "generation_config.json": (marian_generation_config(cfg), False),
             "vocab.json": (vocab, False),
             "tokenizer_config.json": ({"source_lang": "ar", "target_lang": "en", "model_max_length": 512,
                                        "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                                        "separate_vocabs": False, "sp_model_kwargs": {},
                                        "tokenizer_class": "MarianTokenizer"}, False),
             "special_tokens_map.json": ({"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}, False)}
    write_layouts(cfg, params, out, None, jsons)
    with open(os.path.join(out, "source.spm"), "wb") as f:
        f.write(src)
    with open(os.path.join(out, "target.spm"), "wb") as f:
        f.write(tgt)
    cases = []
    for text in SAMPLE_SPM:
        pieces = sp_src.encode_as_pieces(text)
        cases.append({"text": text, "pieces": pieces,
                      "input_ids": [vocab.get(p, vocab["<unk>"]) for p in pieces] + [vocab["</s>"]],
                      "spm_ids": sp_src.encode_as_ids(text)})
    write_json(os.path.join(out_root, "goldens", "marian-spm.json"), {
        "about": "MarianTokenizer's ids for marian-spm: source.spm pieces (SentencePiece encode, with its own "
                 "nmt_nfkc normalization and whitespace handling), mapped through vocab.json (missing -> <unk> = 1), "
                 "</s> = 0 appended. spm_ids are SentencePiece's own ids, NOT model ids (for contrast only). "
                 f"vocab.json leaves out the source pieces containing {SPM_DROPPED_LETTER}.",
        "model": "marian-spm",
        "vocab_size": len(vocab),
        "cases": cases,
    })
    n_unk = sum(c["input_ids"].count(1) for c in cases)
    print(f"marian-spm: vocab {len(vocab)}, {len(cases)} cases, {n_unk} <unk> ids")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=TINY, help="output root (default models/tiny)")
    ap.add_argument("--real-dims", metavar="OUT_DIR", help="write a random model with opus-mt-ar-en's real "
                                                           "dimensions instead (benchmarks only)")
    ap.add_argument("--only", choices=["marian", "bart", "marian-spm"], help="build one family only")
    args = ap.parse_args()
    if args.real_dims:
        build_real_dims(args.real_dims)
        return
    torch.manual_seed(0)
    if args.only in (None, "marian"):
        build_marian(args.out)
    if args.only in (None, "bart"):
        build_bart(args.out)
    if args.only in (None, "marian-spm"):
        build_marian_spm(args.out)


REAL_VOCAB = 62834


def real_dims_vocab():
    """62,834 pieces (opus-mt-ar-en's count): the tiny pieces, then generated Arabic and Latin
    letter n-grams. For benchmarks only: the segmentation is plausible, not meaningful."""
    pieces = marian_pieces()
    seen = set(pieces)
    letters = [chr(c) for c in range(0x0627, 0x064B) if chr(c) != "\u0640"]
    latin = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    target = REAL_VOCAB - 3

    def gen():
        for alphabet in (letters, latin):
            for a in alphabet:
                for b in alphabet:
                    yield a + b
                    yield SP + a + b
        for a in letters:
            for b in letters:
                for c in letters:
                    yield SP + a + b + c
                    yield a + b + c
    for piece in gen():
        if len(pieces) >= target:
            break
        if piece not in seen:
            seen.add(piece)
            pieces.append(piece)
    vocab = [("</s>", 0.0), ("<unk>", -0.25)]
    for i, p in enumerate(pieces):
        base = -9.0 if len(p) == 1 else -3.0 - 0.2 * (4 - min(len(p), 4))
        vocab.append((p, round(base - 1e-5 * i, 7)))
    vocab.append(("<pad>", -0.5))
    assert len(vocab) == REAL_VOCAB
    return vocab


def build_real_dims(out_dir):
    """opus-mt-ar-en's dimensions, random weights: Optimum layout at out_dir, plus onnx/ merged
    and quantized (transformers.js layout) in the same folder."""
    vocab = real_dims_vocab()
    cfg = marian_cfg(len(vocab), d_model=512, layers=6, heads=8, ffn=2048, max_pos=512, emb_std=0.05)
    params = init_params(cfg, MARIAN_SEED)
    params["final_logits_bias"][0] += 2.0
    jsons = {"config.json": (marian_config_json(cfg, "tarjama/random-marian-ar-en-real-dims"), False),
             "generation_config.json": (marian_generation_config(cfg), False),
             "tokenizer.json": (marian_tokenizer_json(vocab), True)}
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    paths = export_onnx(cfg, params, out_dir, check_static=False)
    for name, (obj, compact) in jsons.items():
        (write_compact_json if compact else write_json)(os.path.join(out_dir, name), obj)
    onnx_dir = os.path.join(out_dir, "onnx")
    os.makedirs(onnx_dir)
    shutil.copy(paths["encoder"], os.path.join(onnx_dir, "encoder_model.onnx"))
    no_past, with_past = onnx.load(paths["decoder"]), onnx.load(paths["with_past"])
    onnx.save(merge_decoders(cfg, no_past, with_past), os.path.join(onnx_dir, "decoder_model_merged.onnx"))
    onnx.save(quantize_dynamic(onnx.load(paths["encoder"])), os.path.join(onnx_dir, "encoder_model_quantized.onnx"))
    onnx.save(merge_decoders(cfg, quantize_dynamic(no_past), quantize_dynamic(with_past)),
              os.path.join(onnx_dir, "decoder_model_merged_quantized.onnx"))
    print(f"real-dims model written to {out_dir}")


if __name__ == "__main__":
    main()
