package hozon.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;

class GroupCommitTest {

    /**
     * Items queued while a batch is being written are taken together by the next one, and each
     * caller gets its own item's result.
     */
    @Example
    void whatQueuesWhileABatchIsWrittenSharesTheNextCommitAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, String> commit = new GroupCommit<>("test-writer", 1, 64, 1000, batch -> {
            batches.add(batch.stream().map(GroupCommit.Pending::item).toList());
            firstBatchStarted.countDown();
            release.await();
            batch.forEach(p -> p.done().complete("item " + p.item()));
        });
        CompletableFuture<String> first = commit.submit(0);
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> rest = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rest.add(commit.submit(i));
        }
        assertThat(first).isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("item 0");
        for (int i = 1; i <= 40; i++) {
            assertThat(rest.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("item " + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(40).startsWith(1, 2, 3).endsWith(40);
    }

    @Example
    void aBatchIsNeverLargerThanItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-writer", 1, 8, 1000, batch -> {
            release.await();
            sizes.add(batch.size());
            batch.forEach(p -> p.done().complete(p.item()));
        });
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(commit.submit(i));
        }
        release.countDown();
        for (int i = 0; i < 30; i++) {
            assertThat(all.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(sizes).allMatch(n -> n <= 8);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
    }

    /** A failed write fails every item of its batch with the writer's own exception; the next batch is written. */
    @Example
    void aFailedBatchFailsEachOfItsCallersWithTheCauseAndLaterBatchesAreWritten() throws Exception {
        GroupCommit<String, String> commit = new GroupCommit<>("test-writer", 1, 16, 1000, batch -> {
            if (batch.stream().anyMatch(p -> p.item().equals("bad"))) {
                throw new SQLException("refused by the store", "23514");
            }
            batch.forEach(p -> p.done().complete(p.item().toUpperCase()));
        });
        CompletableFuture<String> bad = commit.submit("bad");
        ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> bad.get(10, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(failed.getCause()).isInstanceOf(SQLException.class).hasMessage("refused by the store");
        assertThatThrownBy(() -> commit.await("bad", Duration.ofSeconds(10))).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23514");
        assertThat(commit.await("good", Duration.ofSeconds(10))).isEqualTo("GOOD");
    }

    @Example
    void anItemTheWriterLeavesUnansweredFailsInsteadOfWaitingForever() throws Exception {
        GroupCommit<String, String> commit = new GroupCommit<>("test-writer", 2, 16, 1000, batch -> batch.stream()
                .filter(p -> !p.item().equals("forgotten")).forEach(p -> p.done().complete(p.item())));
        assertThatThrownBy(() -> commit.await("forgotten", Duration.ofSeconds(10))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unanswered");
        assertThat(commit.await("answered", Duration.ofSeconds(10))).isEqualTo("answered");
    }

    /** A full queue refuses at once (the caller answers 503) rather than growing without bound. */
    @Example
    void aFullQueueRefusesTheNextItemAndNothingOfItIsQueued() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-writer", 1, 64, 2, batch -> {
            firstBatchStarted.countDown();
            release.await();
            batch.forEach(p -> p.done().complete(p.item()));
        });
        CompletableFuture<Integer> taken = commit.submit(0);
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> one = commit.submit(1);
        CompletableFuture<Integer> two = commit.submit(2);
        assertThatThrownBy(() -> commit.submit(3)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        release.countDown();
        assertThat(List.of(taken.get(10, TimeUnit.SECONDS), one.get(10, TimeUnit.SECONDS), two.get(10, TimeUnit.SECONDS)))
                .containsExactly(0, 1, 2);
        assertThat(commit.await(4, Duration.ofSeconds(10))).isEqualTo(4);
    }

    @Example
    void aCallerStopsWaitingAfterItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        GroupCommit<String, String> commit = new GroupCommit<>("test-writer", 1, 16, 1000, batch -> never.await());
        assertThatThrownBy(() -> commit.await("slow", Duration.ofMillis(200)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        never.countDown();
    }
}
