package dev.revive.planner;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

/**
 * Classifies failures to write the planner's output (STYLE 9): retriable errors are retried,
 * a record that can never be written (too large, or not serialisable — a bug) is logged at ERROR
 * and skipped so the application keeps running, anything else fails the task.
 */
public class PlannerProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = Logger.getLogger(PlannerProductionExceptionHandler.class);

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.warnf("Retrying a write to %s: %s", record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (exception instanceof RecordTooLargeException) {
            LOG.errorf(exception, "Skipping a record to %s that can never be written (input %s-%d@%d)", record.topic(),
                    context.topic(), context.partition(), context.offset());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        LOG.errorf(exception, "Cannot write to %s; failing the task", record.topic());
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        LOG.errorf(exception, "Skipping a record to %s whose %s cannot be serialised (input %s-%d@%d)", record.topic(),
                origin, context.topic(), context.partition(), context.offset());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
