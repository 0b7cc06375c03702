package dev.vigil.tools.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line split into options ({@code --name value}, {@code --flag}) and positional arguments.
 * Every tool declares which of its options are flags; anything unknown is a usage error.
 */
public final class Args {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /** Parses {@code args}; {@code flags} take no value, {@code valued} take one (and may repeat). */
    public static Args parse(String[] args, Set<String> flags, Set<String> valued) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                parsed.positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (a.startsWith("--") || a.equals("-h")) {
                String name = a.equals("-h") ? "--help" : a;
                String inline = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option '" + a + "'");
                }
            } else {
                parsed.positional.add(a);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String value(String name, String fallback) {
        List<String> v = options.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    public long number(String name, long fallback) {
        String v = value(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + v + "'");
        }
    }

    public double decimal(String name, double fallback) {
        String v = value(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, not '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }

    /** A mistake on the command line: the tool prints it with its usage and exits with 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
