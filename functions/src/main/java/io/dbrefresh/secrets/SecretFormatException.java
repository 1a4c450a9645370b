package io.dbrefresh.secrets;

/** A secret's value is not the JSON database shape a step needs; the message never quotes the value. */
public class SecretFormatException extends RuntimeException {
    public SecretFormatException(String message) {
        super(message);
    }
}
