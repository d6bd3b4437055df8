package dev.spotsim.gameday.fis;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ResourceNotFoundException;

/**
 * FIS over REST-JSON: create a template, start it, poll the experiment, stop it, delete the template.
 * Paths: POST /experimentTemplates, POST /experiments, GET and DELETE /experiments/{id},
 * DELETE /experimentTemplates/{id}. https://docs.aws.amazon.com/fis/latest/APIReference/API_Operations.html
 */
public final class FisExperiments {
    private final FisClient fis;

    public FisExperiments(FisClient fis) {
        this.fis = fis;
    }

    /** Creates the template; returns its id. */
    public String createTemplate(FisTemplate template) {
        return fis.createExperimentTemplate(template.toRequest(UUID.randomUUID().toString())).experimentTemplate().id();
    }

    /** Starts an experiment from the template, tagged like it. */
    public Experiment start(String templateId, Map<String, String> tags) {
        return of(fis.startExperiment(b -> b.experimentTemplateId(templateId).tags(tags).clientToken(UUID.randomUUID().toString())).experiment());
    }

    public Experiment get(String experimentId) {
        return of(fis.getExperiment(b -> b.id(experimentId)).experiment());
    }

    /** Asks FIS to stop the experiment; it moves through "stopping" to "stopped". */
    public Experiment stop(String experimentId) {
        return of(fis.stopExperiment(b -> b.id(experimentId)).experiment());
    }

    /** Deletes the template; false when it was already gone. */
    public boolean deleteTemplate(String templateId) {
        try {
            fis.deleteExperimentTemplate(b -> b.id(templateId));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static Experiment of(software.amazon.awssdk.services.fis.model.Experiment e) {
        if (e == null) {
            return new Experiment(null, null, ExperimentStatus.UNKNOWN, "FIS answered without an experiment", null, null);
        }
        String status = e.state() == null ? null : e.state().statusAsString();
        String reason = e.state() == null ? null : e.state().reason();
        return new Experiment(e.id(), e.experimentTemplateId(), ExperimentStatus.of(status), reason, e.startTime(), e.endTime());
    }
}
