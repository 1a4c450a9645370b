package io.dbrefresh.scripts;

/** {@code method: ec2} names no online managed instance (by tag) to run the scripts on. */
public class Ec2InstanceNotFoundException extends RuntimeException {
    public Ec2InstanceNotFoundException(String message) {
        super(message);
    }
}
