package dev.vigil.normalizer.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.vigil.normalizer.parse.RawRequest;

/**
 * One service rule of a source: when {@code field} matches {@code regex} as a whole, the service is
 * {@code service} and (when given) the region is {@code region}, both templates over the regex's
 * groups ({@code $1}, {@code ${name}}). Values longer than {@value #MAX_INPUT} characters never
 * match, which bounds the cost of any configured regex.
 */
public record ServiceRule(RuleField field, Pattern regex, String service, String region) {

    static final int MAX_INPUT = 512;

    /** The service and region a matching rule gives (region null when the rule has none). */
    public record Match(String service, String region) {
    }

    public ServiceRule {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a service rule needs a service template");
        }
    }

    /** Builds a rule from configuration; IllegalArgumentException naming the problem otherwise. */
    public static ServiceRule of(String field, String regex, String service, String region) {
        try {
            ServiceRule rule = new ServiceRule(RuleField.of(field), Pattern.compile(regex), service, region);
            // Fail at startup, not on the first record, when a template names a group the regex lacks.
            Matcher m = rule.regex.matcher("");
            expandCheck(m, service);
            if (region != null) {
                expandCheck(m, region);
            }
            return rule;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid service rule regex '" + regex + "': " + e.getDescription());
        }
    }

    private static void expandCheck(Matcher m, String template) {
        int groups = m.groupCount();
        for (int i = template.indexOf("${"); i >= 0; i = template.indexOf("${", i + 2)) {
            int close = template.indexOf('}', i);
            String name = close < 0 ? "" : template.substring(i + 2, close);
            if (!m.pattern().pattern().contains("(?<" + name + ">")) {
                throw new IllegalArgumentException("template '" + template + "' refers to group '" + name + "' which the regex lacks");
            }
        }
        for (int i = 0; i < template.length() - 1; i++) {
            if (template.charAt(i) == '$' && Character.isDigit(template.charAt(i + 1)) && template.charAt(i + 1) - '0' > groups) {
                throw new IllegalArgumentException("template '" + template + "' refers to group " + template.charAt(i + 1)
                        + " but the regex has " + groups);
            }
        }
    }

    /** The match for {@code request}, or null when the field is absent or does not match. */
    public Match apply(RawRequest request) {
        String value = field.valueOf(request);
        if (value == null || value.isEmpty() || value.length() > MAX_INPUT) {
            return null;
        }
        Matcher m = regex.matcher(value);
        if (!m.matches()) {
            return null;
        }
        String s = expand(m, service);
        return s.isBlank() ? null : new Match(s, region == null ? null : expand(m, region));
    }

    /** {@code $n} and {@code ${name}} are replaced by the groups (absent groups by nothing); {@code \\$} is a literal '$'. */
    private static String expand(Matcher m, String template) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                b.append(template.charAt(++i));
            } else if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                String g = m.group(template.charAt(++i) - '0');
                b.append(g == null ? "" : g);
            } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{' && template.indexOf('}', i) > 0) {
                int close = template.indexOf('}', i);
                String g = m.group(template.substring(i + 2, close));
                b.append(g == null ? "" : g);
                i = close;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
