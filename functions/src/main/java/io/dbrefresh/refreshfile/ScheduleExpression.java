package io.dbrefresh.refreshfile;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EventBridge Scheduler expressions a refresh file's {@code schedule} may hold, checked
 * field by field: a schedule EventBridge refuses would otherwise surface only at deploy time,
 * and one that parses loosely ("cron(every day)") would never fire. A fleet file's
 * {@code schedule} is checked by the same rules.
 */
public final class ScheduleExpression {

    static final String EXPECTED = "an EventBridge Scheduler expression: cron(0 3 ? * MON-FRI *), rate(7 days) or at(2026-11-20T03:00:00)";

    private static final Pattern RATE = Pattern.compile("rate\\(([0-9]{1,9}) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern AT = Pattern.compile("at\\((.+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final Pattern AT_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");

    private static final String[] FIELDS = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
    private static final String MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC";
    private static final String DAYS = "SUN|MON|TUE|WED|THU|FRI|SAT";
    private static final Pattern[] SHAPES = {
        Pattern.compile("[0-9,*/-]+"),
        Pattern.compile("[0-9,*/-]+"),
        Pattern.compile("[0-9,*/?LW-]+"),
        Pattern.compile("([0-9,*/-]|" + MONTHS + ")+"),
        Pattern.compile("([0-9,*/?L#-]|" + DAYS + ")+"),
        Pattern.compile("[0-9,*/-]+"),
    };
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private ScheduleExpression() {
    }

    /**
     * Null when {@code given} is valid, else the whole message for the field: what was expected,
     * what is wrong, and what was found.
     */
    public static String error(String given) {
        String problem = problem(given);
        if (problem == null) {
            return null;
        }
        return (problem.startsWith("must be") ? problem : "must be " + EXPECTED + "; " + problem) + "; found \"" + given + "\"";
    }

    /** Null when {@code expression} is valid, else what is wrong with it. */
    static String problem(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            return Long.parseLong(rate.group(1)) < 1 ? "a rate must be at least 1" : null;
        }
        if (expression.startsWith("rate(")) {
            return "a rate is rate(<whole number> minutes|hours|days), such as rate(7 days)";
        }
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            return atProblem(at.group(1));
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return cronProblem(cron.group(1));
        }
        return "must be " + EXPECTED;
    }

    private static String atProblem(String time) {
        if (!AT_TIME.matcher(time).matches()) {
            return "a one-time schedule is at(yyyy-mm-ddThh:mm:ss), without a zone, such as at(2026-11-20T03:00:00)";
        }
        try {
            LocalDateTime.parse(time);
            return null;
        } catch (DateTimeParseException e) {
            return "at(" + time + ") is not a date and time that exists";
        }
    }

    private static String cronProblem(String body) {
        String[] fields = body.trim().split(" +");
        if (fields.length != FIELDS.length) {
            return "a cron expression has six fields (minutes hours day-of-month month day-of-week year), such as"
                    + " cron(0 3 ? * MON-FRI *); found " + fields.length;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!SHAPES[i].matcher(fields[i]).matches()) {
                return "the cron " + FIELDS[i] + " field \"" + fields[i] + "\" is not valid there";
            }
            Matcher n = NUMBER.matcher(fields[i]);
            while (n.find()) {
                boolean step = n.start() > 0 && fields[i].charAt(n.start() - 1) == '/';
                boolean nth = n.start() > 0 && fields[i].charAt(n.start() - 1) == '#';
                long value = n.group().length() > 5 ? Long.MAX_VALUE : Long.parseLong(n.group());
                if (!step && !nth && (value < RANGES[i][0] || value > RANGES[i][1])) {
                    return "the cron " + FIELDS[i] + " field \"" + fields[i] + "\" has " + n.group()
                            + ", outside " + RANGES[i][0] + " to " + RANGES[i][1];
                }
            }
        }
        boolean dayOfMonthAny = fields[2].equals("?");
        boolean dayOfWeekAny = fields[4].equals("?");
        if (dayOfMonthAny == dayOfWeekAny) {
            return "a cron expression sets exactly one of day-of-month and day-of-week to ? (the other says which days),"
                    + " such as cron(0 3 ? * MON-FRI *) or cron(0 3 1 * ? *)";
        }
        return null;
    }
}
