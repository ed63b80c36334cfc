package dev.revive.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class PlannerProductionExceptionHandlerTest {

    private final PlannerProductionExceptionHandler handler = new PlannerProductionExceptionHandler();
    private final ErrorHandlerContext context = new InputRecord(Topics.FAULTS.name(), 0, 7);
    private final ProducerRecord<byte[], byte[]> plan = new ProducerRecord<>(Topics.PLANS.name(), new byte[0]);

    @Test
    void retriesRetriableFailures() {
        assertThat(handler.handle(context, plan, new NotLeaderOrFollowerException("moving")))
                .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
    }

    @Test
    void skipsRecordsThatCanNeverBeWritten() {
        assertThat(handler.handle(context, plan, new RecordTooLargeException("too big")))
                .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(handler.handleSerializationException(context, plan, new SerializationException("bug"),
                SerializationExceptionOrigin.VALUE)).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    }

    @Test
    void failsTheTaskOnAnythingElse() {
        assertThat(handler.handle(context, plan, new AuthorizationException("denied")))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    /** The input record a failed write came from, as the handler sees it. */
    private record InputRecord(String topic, int partition, long offset) implements ErrorHandlerContext {

        @Override
        public Headers headers() {
            return null;
        }

        @Override
        public String processorNodeId() {
            return "faults";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }
}
