package org.glassfish.tyrus.core;

import java.util.concurrent.ScheduledExecutorService;

/** Stands in for Tyrus's container base class (same name and field) in the idle timer's tests. */
public class BaseContainer {

    private final ScheduledExecutorService managedScheduledExecutorService;

    public BaseContainer(ScheduledExecutorService managed) {
        this.managedScheduledExecutorService = managed;
    }

    public ScheduledExecutorService getScheduledExecutorService() {
        return managedScheduledExecutorService;
    }
}
