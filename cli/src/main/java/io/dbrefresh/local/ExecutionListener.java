package io.dbrefresh.local;

/** Receives each event of a local execution as it happens, on the thread that called {@code run}. */
@FunctionalInterface
public interface ExecutionListener {

    ExecutionListener NONE = event -> { };

    void onEvent(ExecutionEvent event);
}
