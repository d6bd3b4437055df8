package dev.spotsim.scenarios.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import dev.spotsim.scenarios.model.Argv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads an entrypoint or command: a string is shell form, a list of strings exec form. */
final class ArgvDeserializer extends JsonDeserializer<Argv> {
    private static final String EXPECTED = "expected a string (shell form: /bin/sh -c STRING) or a list of strings (exec form)";

    @Override
    public Argv deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        try {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return new Argv.ShellForm(p.getText());
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                List<String> argv = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        return (Argv) ctxt.handleUnexpectedToken(Argv.class, p.currentToken(), p, EXPECTED + ", got " + p.getText());
                    }
                    argv.add(p.getText());
                }
                return new Argv.ExecForm(argv);
            }
        } catch (IllegalArgumentException e) {
            return (Argv) ctxt.handleWeirdStringValue(Argv.class, p.getText(), e.getMessage());
        }
        return (Argv) ctxt.handleUnexpectedToken(Argv.class, p.currentToken(), p, EXPECTED + ", got " + p.getText());
    }
}
