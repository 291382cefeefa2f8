package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.domain.PurgeRun;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The scheduled purge: every {@code hozon.purge.interval} ("off" disables it). */
@ApplicationScoped
public class PurgeSchedule {

    private static final Logger LOG = Logger.getLogger(PurgeSchedule.class);

    @Inject
    PurgeRunner runner;

    @Scheduled(identity = "purge", every = "${hozon.purge.interval}", delayed = "${hozon.purge.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRun() {
        try {
            runner.run(PurgeRun.Trigger.SCHEDULED);
        } catch (ProblemException busy) {
            LOG.info("scheduled purge skipped: a run is already in progress");
        }
    }
}
