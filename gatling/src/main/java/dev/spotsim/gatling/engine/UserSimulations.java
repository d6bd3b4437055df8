package dev.spotsim.gatling.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

import io.gatling.core.scenario.SimulationParams;

/** Finds and instantiates a user's own Simulation class (Gatling's Java DSL, or its Scala one). */
public final class UserSimulations {
    private UserSimulations() {
    }

    /**
     * The user's Simulation class, checked the way Gatling will use it.
     *
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    public static Class<?> find(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("load.simulation: class " + className + " is not on the classpath", e);
        }
        if (!isJavaSimulation(type) && !io.gatling.core.scenario.Simulation.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("load.simulation: " + className + " does not extend io.gatling.javaapi.core.Simulation");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("load.simulation: " + className + " must be a public, concrete class");
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("load.simulation: " + className + " needs a public constructor without arguments", e);
        }
        return type;
    }

    /** What Gatling would run for this class: it is built now, in the running Gatling. */
    static SimulationParams params(Class<?> type) {
        Object simulation;
        try {
            simulation = type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("load.simulation: " + type.getName() + " failed to build: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("load.simulation: cannot instantiate " + type.getName() + ": " + e, e);
        }
        if (simulation instanceof io.gatling.javaapi.core.Simulation java) {
            return java.params(null);
        }
        return ((io.gatling.core.scenario.Simulation) simulation).params();
    }

    private static boolean isJavaSimulation(Class<?> type) {
        return io.gatling.javaapi.core.Simulation.class.isAssignableFrom(type);
    }
}
