package io.dbrefresh.notify;

import io.dbrefresh.history.RefreshRecord;

/** Opens the notification text to tests in other packages. */
public final class RefreshNotifierBody {

    private RefreshNotifierBody() {
    }

    public static String of(RefreshRecord r) {
        return RefreshNotifier.body(r);
    }
}
