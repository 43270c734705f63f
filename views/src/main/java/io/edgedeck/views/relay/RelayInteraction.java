package io.edgedeck.views.relay;

/** What the relay controls ask of the person at the console; the view answers with dialogs, tests with fakes. */
public interface RelayInteraction {
    /** Opens sign-in; {@code afterSignIn} runs on the FX thread once someone has signed in (never if cancelled). */
    void signIn(Runnable afterSignIn);

    /** Asks a yes/no question (on the FX thread); true to go ahead. */
    boolean confirm(String title, String question);
}
