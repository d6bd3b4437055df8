package dev.spotsim.gameday;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text spotsim prints or records (plans, command lines, command output): AWS access
 * key ids and secret keys, session tokens, bearer tokens and "password=" / "token=" style values.
 * Credentials are never printed on purpose; this catches those a user's script or output carries.
 */
public final class Redactor {
    private static final String MASK = "****";
    /** Access key ids: AKIA (long-term) and ASIA (temporary), 20 characters. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final List<Pattern> KEYED = List.of(
            Pattern.compile("(?i)(aws_secret_access_key|aws_session_token|secret[_-]?access[_-]?key|session[_-]?token)(\\s*[=:]\\s*[\"']?)([^\\s\"']+)"),
            Pattern.compile("(?i)(authorization:\\s*(?:bearer|basic)\\s+)()([^\\s\"']+)"),
            Pattern.compile("(?i)\\b(password|passwd|token|api[_-]?key|secret)(\\s*[=:]\\s*[\"']?)([^\\s\"'&]+)"));

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = ACCESS_KEY_ID.matcher(text).replaceAll(MASK);
        for (Pattern p : KEYED) {
            Matcher m = p.matcher(out);
            out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
        }
        return out;
    }
}
