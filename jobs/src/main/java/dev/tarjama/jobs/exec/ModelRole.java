package dev.tarjama.jobs.exec;

/** What a loaded model does in a run; {@link #id()} is how the run report names it. */
public enum ModelRole {
    TRANSLATION("translation"),
    SUMMARY("summary");

    private final String id;

    ModelRole(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
