package dev.spotsim.gameday.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;

/**
 * What SendCommand carries to the load generators: {@code AWS-RunShellScript} with the script's lines,
 * working directory and execution timeout, a delivery timeout, and a comment naming the run. Like
 * {@code FisTemplate}, one value prints the plan and builds the request.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
 */
public record LoadCommand(String comment, List<String> commands, String workingDirectory, Duration executionTimeout,
                          Duration deliveryTimeout) {
    public static final String DOCUMENT = "AWS-RunShellScript";
    /** SendCommand takes at most 50 instance ids per call. */
    public static final int MAX_INSTANCE_IDS = 50;
    /** The Comment parameter holds at most 100 characters. */
    static final int MAX_COMMENT = 100;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LoadCommand {
        comment = comment.length() > MAX_COMMENT ? comment.substring(0, MAX_COMMENT) : comment;
        commands = List.copyOf(commands);
    }

    /** Splits a script into the lines AWS-RunShellScript runs in order. */
    public static List<String> lines(String script) {
        return script.lines().filter(l -> !l.isBlank()).toList();
    }

    private Map<String, List<String>> parameters() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("commands", commands);
        if (workingDirectory != null) {
            p.put("workingDirectory", List.of(workingDirectory));
        }
        p.put("executionTimeout", List.of(Long.toString(executionTimeout.toSeconds())));
        return p;
    }

    /** The request body (AWS JSON 1.1, PascalCase) for {@code instanceIds}. */
    public String toJson(List<String> instanceIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("DocumentName", DOCUMENT);
        body.put("InstanceIds", instanceIds);
        body.put("Comment", comment);
        body.put("TimeoutSeconds", deliveryTimeout.toSeconds());
        body.put("Parameters", parameters());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public SendCommandRequest toRequest(List<String> instanceIds) {
        if (instanceIds.size() > MAX_INSTANCE_IDS) {
            throw new IllegalArgumentException("SendCommand takes at most " + MAX_INSTANCE_IDS + " instance ids, got " + instanceIds.size());
        }
        return SendCommandRequest.builder().documentName(DOCUMENT).instanceIds(instanceIds).comment(comment)
                .timeoutSeconds((int) deliveryTimeout.toSeconds()).parameters(parameters()).build();
    }
}
