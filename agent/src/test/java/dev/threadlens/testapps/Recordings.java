package dev.threadlens.testapps;

import java.util.StringJoiner;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/** The JVM's JFR recordings as {@code name=STATE,...}, without initialising JFR if nobody has. */
final class Recordings {

    private Recordings() {
    }

    static String describe() {
        if (!FlightRecorder.isInitialized()) {
            return "uninitialized";
        }
        StringJoiner j = new StringJoiner(",");
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            j.add(r.getName() + "=" + r.getState());
        }
        return j.toString();
    }
}
