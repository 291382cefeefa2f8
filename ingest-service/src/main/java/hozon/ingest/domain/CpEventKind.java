package hozon.ingest.domain;

import hozon.ingest.store.RecordKind;

/** What a content provider reports, and the category (hence table) each belongs to. */
public enum CpEventKind {
    ACCOUNT_CREATED(RecordKind.CP_ACCOUNT),
    ACCOUNT_DELETED(RecordKind.CP_ACCOUNT),
    LOGIN(RecordKind.CP_LOGIN),
    LOGOUT(RecordKind.CP_LOGIN),
    POST(RecordKind.CP_POST);

    private final RecordKind store;

    CpEventKind(RecordKind store) {
        this.store = store;
    }

    public RecordKind store() {
        return store;
    }
}
