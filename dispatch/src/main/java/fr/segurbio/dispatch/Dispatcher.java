package fr.segurbio.dispatch;

import fr.segurbio.dispatch.Decision.Outcome;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.PlannedSending;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.dispatch.journal.StoredPublication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "0 clic" publication of validated reports: {@link #publish} decides what goes where (and says why not),
 * records it in the {@link Journal} with the documents, and {@link #runDue} sends what is due, exactly once:
 * the remote ids are recorded before each sending, and an entry that may have reached the remote side already
 * (a timeout, a crash) is checked there before it is sent again. Retryable failures wait on the
 * {@link RetrySchedule}; the others fail at once. The sendings of a batch go out side by side
 * ({@link Builder#parallelism}), so the senders and the listener are called from several threads. Thread-safe;
 * several dispatchers (nodes) may share a journal on PostgreSQL.
 *
 * <pre>{@code
 * Dispatcher d = Dispatcher.builder(Journal.embedded(dir))
 *         .node("sgl-1")
 *         .sender(dmpSender).sender(mssProSender).sender(mssPatientSender).sender(dmpReleaseSender)
 *         .listener(e -> ui.refresh(e))
 *         .build();
 * DispatchPlan plan = d.publish(publication);
 * d.runDue();                     // from a scheduler, every few seconds
 * d.status("CR-2026-0042");       // every sending, its state and last error
 * }</pre>
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String PATIENT_DOMAIN = "@patient.mssante.fr";

    private final Journal journal;
    private final String node;
    private final Map<Channel, ChannelSender> senders;
    private final Clock clock;
    private final Duration lease;
    private final RetrySchedule schedule;
    private final DispatchListener listener;
    private final RandomGenerator random;
    private final int batch;
    private final int parallelism;
    /** Sends the entries of a batch side by side; {@code null} with a parallelism of 1. */
    private final ExecutorService workers;
    /** The documents of the last report versions published or sent here, so that each sending need not read them. */
    private final Map<String, StoredPublication> recent = new java.util.LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredPublication> eldest) {
            return size() > RECENT;
        }
    };
    private static final int RECENT = 64;
    /** The listener of a dispatcher built without one. */
    private static final DispatchListener NO_LISTENER = e -> { };

    private Dispatcher(Builder b) {
        this.journal = b.journal;
        this.node = b.node;
        this.senders = new EnumMap<>(b.senders);
        this.clock = b.clock;
        this.lease = b.lease;
        this.schedule = b.schedule;
        this.listener = b.listener;
        this.random = b.random;
        this.batch = b.batch;
        this.parallelism = b.parallelism;
        this.workers = b.parallelism < 2 ? null : Executors.newFixedThreadPool(b.parallelism, new WorkerThreads(node));
        // After a restart, this node's in-flight entries were interrupted: due again, checked remotely first.
        int released = journal.releaseAll(node, clock.instant());
        if (released > 0) {
            LOG.info("dispatch: {} interrupted sending(s) of node {} are due again", released, node);
        }
    }

    /**
     * A new builder.
     *
     * @param journal the journal (the dispatcher does not close it)
     * @return the builder
     */
    public static Builder builder(Journal journal) {
        return new Builder(journal);
    }

    /**
     * Decides and records the sendings of a report version. Calling it again for the same version changes
     * nothing (the journal keeps one entry per sending).
     *
     * @param p the report version and its documents
     * @return every decision with its reason
     * @throws DispatchException when the journal cannot record it (then nothing will be sent)
     */
    public DispatchPlan publish(Publication p) {
        Objects.requireNonNull(p, "publication");
        Instant now = clock.instant();
        List<Decision> decisions = new ArrayList<>();
        List<SendingKey> due = new ArrayList<>();
        List<SendingKey> held = new ArrayList<>();
        Consent c = p.consent();

        // DMP
        if (p.qualifiedIns().isEmpty()) {
            decisions.add(new Decision(Channel.DMP, "-", Outcome.NOT_SENT, "non envoyé, INS non qualifiée",
                    "not sent, the INS is not qualified"));
        } else if (c.dmpOpposition()) {
            decisions.add(new Decision(Channel.DMP, p.qualifiedIns().get(), Outcome.NOT_SENT,
                    "non envoyé, le patient s'est opposé à l'alimentation de son DMP",
                    "not sent, the patient opposed feeding the DMP"));
        } else {
            String ins = p.qualifiedIns().get();
            due.add(new SendingKey(p.reportId(), p.version(), Channel.DMP, ins));
            if (c.annonceHold()) {
                decisions.add(new Decision(Channel.DMP, ins, Outcome.PLANNED,
                        "N1 + N3 envoyés invisibles au patient jusqu'à la consultation d'annonce",
                        "N1 + N3 sent invisible to the patient until the announcement consultation"));
                held.add(new SendingKey(p.reportId(), p.version(), Channel.DMP_RELEASE, ins));
                decisions.add(new Decision(Channel.DMP_RELEASE, ins, Outcome.HELD,
                        "rendus visibles au patient à la levée de l'annonce",
                        "made visible to the patient when the announcement hold is released"));
            } else {
                decisions.add(new Decision(Channel.DMP, ins, Outcome.PLANNED,
                        p.version() > 1 ? "N1 + N3 remplacent la version " + (p.version() - 1)
                                : "N1 + N3 (association XFRM)",
                        p.version() > 1 ? "N1 + N3 replace version " + (p.version() - 1)
                                : "N1 + N3 (XFRM association)"));
            }
        }

        // Professionals
        for (Correspondent r : p.correspondents()) {
            if (r.address().isEmpty()) {
                decisions.add(new Decision(Channel.MSSANTE_PROFESSIONAL, r.displayName(), Outcome.NOT_SENT,
                        "non envoyé, pas d'adresse MSSanté", "not sent, no MSSanté address"));
                continue;
            }
            SendingKey k = new SendingKey(p.reportId(), p.version(), Channel.MSSANTE_PROFESSIONAL,
                    r.address().get());
            if (!due.contains(k)) {
                due.add(k);
                decisions.add(new Decision(Channel.MSSANTE_PROFESSIONAL, r.address().get(), Outcome.PLANNED,
                        "CDA N3 + N1 en XDM et PDF", "CDA N3 + N1 in XDM and PDF"));
            }
        }

        // The patient, in Mon espace santé
        if (p.qualifiedIns().isEmpty()) {
            decisions.add(new Decision(Channel.MSSANTE_PATIENT, "-", Outcome.NOT_SENT,
                    "non envoyé, INS non qualifiée", "not sent, the INS is not qualified"));
        } else if (c.patientMessagingOpposition()) {
            decisions.add(new Decision(Channel.MSSANTE_PATIENT, p.qualifiedIns().get() + PATIENT_DOMAIN,
                    Outcome.NOT_SENT, "non envoyé, le patient s'y est opposé", "not sent, the patient opposed it"));
        } else {
            String address = p.qualifiedIns().get() + PATIENT_DOMAIN;
            SendingKey k = new SendingKey(p.reportId(), p.version(), Channel.MSSANTE_PATIENT, address);
            if (c.annonceHold()) {
                held.add(k);
                decisions.add(new Decision(Channel.MSSANTE_PATIENT, address, Outcome.HELD,
                        "en attente de la consultation d'annonce", "held until the announcement consultation"));
            } else {
                due.add(k);
                decisions.add(new Decision(Channel.MSSANTE_PATIENT, address, Outcome.PLANNED,
                        "dans la messagerie de Mon espace santé", "to the Mon espace santé mailbox"));
            }
        }

        if (!due.isEmpty() || !held.isEmpty()) {
            // The documents, the sendings and their remote ids in one transaction: no sending exists without
            // the ids the remote side will know it by.
            StoredPublication stored = p.stored();
            List<PlannedSending> sendings = new ArrayList<>(due.size() + held.size());
            for (SendingKey k : due) {
                sendings.add(new PlannedSending(k, SendingState.PLANNED, remoteIds(k, stored)));
            }
            for (SendingKey k : held) {
                sendings.add(new PlannedSending(k, SendingState.HELD, remoteIds(k, stored)));
            }
            journal.publish(p.reportId(), p.version(), stored, sendings, now);
            remember(p.reportId(), p.version(), stored);
            for (SendingKey k : due) {
                notify(k);
            }
            for (SendingKey k : held) {
                notify(k);
            }
        }
        return new DispatchPlan(p.reportId(), p.version(), decisions);
    }

    /** The remote ids of a sending, when its channel's sender can derive them from the documents now. */
    private Optional<String> remoteIds(SendingKey k, StoredPublication stored) {
        ChannelSender sender = senders.get(k.channel());
        if (sender == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(sender.remoteIds(k, stored));
        } catch (RuntimeException e) {
            // unreadable documents: the sending fails with the sender's error when it is taken
            return Optional.empty();
        }
    }

    /**
     * Ends the "annonce" hold of a report version: the DMP documents are made visible to the patient and the
     * patient's message is sent, at the next {@link #runDue}.
     *
     * @param reportId the report
     * @param version its version
     * @return how many sendings were released
     */
    public int release(String reportId, int version) {
        int n = journal.release(reportId, version, clock.instant());
        if (listener != NO_LISTENER) {
            journal.entries(reportId).stream().filter(e -> e.key().reportVersion() == version)
                    .forEach(listener::changed);
        }
        return n;
    }

    /**
     * Sends what is due now, at most one batch ({@link Builder#batch}), and returns how many sendings it handled
     * (sent, failed, or rescheduled). Call it from the SGL's scheduler; it returns 0 when nothing is due. The
     * sendings of the batch go out side by side ({@link Builder#parallelism}). When the handling of a sending throws
     * (e.g. the journal refused a write), the sendings already going out are waited for, those taken and not yet
     * started are not started (they stay in flight under this node's lease: due again at its restart, or on another
     * node when the lease ends, and checked at the remote side first), and the error is thrown.
     *
     * @return the number of sendings handled
     */
    public int runDue() {
        return run(false);
    }

    /**
     * Sends what is due until nothing is due now, keeping the sending threads busy: as sendings end, more due
     * sendings are taken (at most {@link Builder#batch} taken and not yet handled at a time), so the slowest
     * sending of a batch does not hold the next batch back. Sendings that become due while it runs (a report
     * published meanwhile) are sent too. Errors as {@link #runDue}; nothing more is taken after one.
     *
     * @return the number of sendings handled
     */
    public int drain() {
        return run(true);
    }

    /** How a sending taken by {@link #run} ended: {@code failure} is what its handling threw, if anything. */
    private record Done(JournalEntry entry, Throwable failure) { }

    /**
     * Takes due sendings (once, or again as they end with {@code refill}) and hands them to the sending threads.
     * Every entry taken here is either handled or, after an error, left in flight. The order between a report's
     * DMP sendings is the journal's ({@link Journal#claim}): a release, or a new version's submission, is not
     * handed out while the submission it follows is still to be done anywhere.
     */
    private int run(boolean refill) {
        int slots = workers == null ? 1 : parallelism;
        ArrayDeque<JournalEntry> ready = new ArrayDeque<>();
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        int running = 0;
        int handled = 0;
        boolean first = true;
        boolean dry = false;
        Throwable failure = null;
        try {
            while (true) {
                int inHand = ready.size() + running;
                // Take more while the threads could soon run out of work: at once, then (drain) when fewer are
                // ready than there are threads; once a take found fewer than asked, only when a thread is idle.
                if (failure == null && (first || refill) && inHand < batch && (first
                        || (dry ? ready.isEmpty() && running < slots : ready.size() < slots))) {
                    int ask = batch - inHand;
                    List<JournalEntry> taken;
                    try {
                        taken = claim(ask);
                    } catch (RuntimeException | Error e) {
                        if (inHand == 0) {
                            throw e;
                        }
                        taken = List.of();
                        failure = e;
                    }
                    first = false;
                    dry = taken.size() < ask;
                    ready.addAll(taken);
                    if (inHand + taken.size() == 0) {
                        return handled;   // nothing due, nothing in hand
                    }
                }
                // Start what may start, in the order taken.
                while (failure == null && running < slots && !ready.isEmpty()) {
                    JournalEntry e = ready.poll();
                    if (start(e, done)) {
                        running++;
                    } else {
                        failure = new RejectedExecutionException("dispatcher closed");
                        ready.addFirst(e);
                    }
                }
                if (running == 0) {
                    if (failure != null || (ready.isEmpty() && !refill)) {
                        break;
                    }
                    if (ready.isEmpty()) {
                        continue;   // drain: take again; it returns when nothing more is due
                    }
                }
                // Wait for a sending to end.
                Done d = done.take();
                running--;
                handled++;
                if (d.failure() != null && failure == null) {
                    failure = d.failure();
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = ex;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("dispatch interrupted while sending", failure);
        }
        return handled;
    }

    private List<JournalEntry> claim(int max) {
        return journal.claim(node, max, clock.instant(), lease);
    }

    /** Hands a taken entry to a sending thread (or handles it here without them); false when the pool is shut. */
    private boolean start(JournalEntry e, BlockingQueue<Done> done) {
        Runnable task = () -> {
            Throwable failure = null;
            try {
                handle(e);
            } catch (RuntimeException | Error t) {
                failure = t;
            }
            done.add(new Done(e, failure));
        };
        if (workers == null) {
            task.run();
            return true;
        }
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    private void handle(JournalEntry e) {
        SendingKey k = e.key();
        ChannelSender sender = senders.get(k.channel());
        if (sender == null) {
            journal.markFailed(k, node, DispatchError.NO_SENDER.id(), DispatchError.NO_SENDER.englishTemplate()
                    .formatted(k.channel()));
            notify(k);
            return;
        }
        if (k.channel() == Channel.DMP_RELEASE) {
            // the journal hands a release out once its submission is sent or failed for good; in the latter case
            // the DMP has nothing to show, and the release fails here, saying why, instead of at the DMP
            Optional<JournalEntry> submission = journal.find(new SendingKey(k.reportId(), k.reportVersion(),
                    Channel.DMP, k.recipient()));
            if (submission.isPresent() && submission.get().state() == SendingState.FAILED) {
                journal.markFailed(k, node, DispatchError.SUBMISSION_FAILED.id(), DispatchError.SUBMISSION_FAILED
                        .englishTemplate().formatted(submission.get().lastErrorCode().orElse("?")));
                notify(k);
                return;
            }
        }
        Optional<StoredPublication> stored = stored(k);
        if (stored.isEmpty()) {
            journal.markFailed(k, node, DispatchError.NO_DOCUMENTS.id(),
                    DispatchError.NO_DOCUMENTS.englishTemplate().formatted(k));
            notify(k);
            return;
        }
        StoredPublication pub = stored.get();
        try {
            String ids = e.remoteIds().orElse(null);
            if (ids == null && e.mayHaveReachedRemote()) {
                LOG.warn("dispatch: {} taken again (attempt {}) without remote ids: derived again and checked at"
                        + " the remote side before sending", k, e.attempts());
            }
            if (ids == null) {
                // The ids are derived from the key and the documents alone: an earlier attempt whose record of
                // them was lost used the same ones, so the remote side can still be asked below.
                ids = sender.remoteIds(k, pub);
                journal.recordRemoteIds(k, node, ids);
            }
            if (e.mayHaveReachedRemote() && sender.alreadyDone(k, pub, ids)) {
                journal.markSent(k, node, "already at the remote side (" + ids + ")");
                notify(k);
                return;
            }
            String answer = sender.send(k, pub, ids);
            journal.markSent(k, node, answer);
        } catch (SendFailure f) {
            failed(e, f.retryable(), f.code(), f.getMessage());
        } catch (DispatchException journalError) {
            // the journal refused a write: nothing more is done with this entry here; its lease expires
            LOG.warn("dispatch: {} left in flight, the journal refused a write: {}", k, journalError.getMessage());
            throw journalError;
        } catch (RuntimeException unexpected) {
            failed(e, true, DispatchError.SENDER_CRASHED.id(), unexpected.toString());
        }
        notify(k);
    }

    private Optional<StoredPublication> stored(SendingKey k) {
        String id = k.reportId() + "\n" + k.reportVersion();
        synchronized (recent) {
            StoredPublication p = recent.get(id);
            if (p != null) {
                return Optional.of(p);
            }
        }
        Optional<StoredPublication> read = journal.stored(k.reportId(), k.reportVersion());
        read.ifPresent(p -> remember(k.reportId(), k.reportVersion(), p));
        return read;
    }

    private void remember(String reportId, int version, StoredPublication p) {
        synchronized (recent) {
            recent.put(reportId + "\n" + version, p);
        }
    }

    private void failed(JournalEntry e, boolean retryable, String code, String text) {
        if (retryable && e.attempts() < schedule.maxAttempts()) {
            Duration delay;
            synchronized (random) {   // the sending threads share the jitter's source
                delay = schedule.delay(e.attempts(), random);
            }
            Instant next = clock.instant().plus(delay);
            journal.markRetry(e.key(), node, next, code, text);
        } else {
            journal.markFailed(e.key(), node, code, text);
        }
    }

    /**
     * A return received for a sent message (an MDN or a DSN, matched by the Message-ID it refers to).
     *
     * @param remoteId the Message-ID (or other remote id) it refers to
     * @param acknowledged true for a read/processed acknowledgement, false for a failure notice
     * @param code the failure's code (e.g. an MSSanté volet code 900–904), or {@code null}
     * @param text the notice's text
     * @return the sending it was matched to, if any
     */
    public Optional<JournalEntry> recordReturn(String remoteId, boolean acknowledged, String code, String text) {
        Optional<JournalEntry> e = journal.findByRemoteId(remoteId);
        e.ifPresent(entry -> {
            journal.recordReturn(entry.key(), acknowledged, code, text, clock.instant());
            notify(entry.key());
        });
        return e.flatMap(entry -> journal.find(entry.key()));
    }

    /**
     * The status of every sending of a report, all versions.
     *
     * @param reportId the report
     * @return the entries
     */
    public List<JournalEntry> status(String reportId) {
        return journal.entries(reportId);
    }

    private void notify(SendingKey k) {
        if (listener == NO_LISTENER) {
            return;   // nobody to tell: the entry is not read back (one query per state change saved)
        }
        try {
            journal.find(k).ifPresent(listener::changed);
        } catch (RuntimeException e) {
            LOG.warn("dispatch: status listener failed for {}: {}", k, e.toString());
        }
    }

    /** Stops the sending threads ({@link Builder#parallelism}); the journal and the senders belong to the caller. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }

    /** Daemon threads named after the node. */
    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final String node;
        private final AtomicInteger count = new AtomicInteger();

        WorkerThreads(String node) {
            this.node = node;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "segur-dispatch-" + node + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Builds a {@link Dispatcher}. */
    public static final class Builder {
        private final Journal journal;
        private String node = "sgl";
        private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
        private Clock clock = Clock.systemUTC();
        private Duration lease = Duration.ofMinutes(5);
        private RetrySchedule schedule = RetrySchedule.DEFAULT;
        private DispatchListener listener = NO_LISTENER;
        private RandomGenerator random = new SplittableRandom();
        private int batch = 20;
        private int parallelism = 4;

        private Builder(Journal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
        }

        /**
         * @param v this node's name, unique among the nodes sharing the journal (default {@code sgl})
         * @return this builder
         */
        public Builder node(String v) {
            node = Objects.requireNonNull(v, "node");
            return this;
        }

        /**
         * @param v the sender of one channel (the last one given for a channel wins)
         * @return this builder
         */
        public Builder sender(ChannelSender v) {
            senders.put(v.channel(), v);
            return this;
        }

        /**
         * @param v the clock (default UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * @param v how long a node holds a sending it took; longer than a sending's longest timeout (default
         *        5 min)
         * @return this builder
         */
        public Builder lease(Duration v) {
            lease = Objects.requireNonNull(v, "lease");
            return this;
        }

        /**
         * @param v the retry schedule (default {@link RetrySchedule#DEFAULT})
         * @return this builder
         */
        public Builder retrySchedule(RetrySchedule v) {
            schedule = Objects.requireNonNull(v, "schedule");
            return this;
        }

        /**
         * @param v told of every status change
         * @return this builder
         */
        public Builder listener(DispatchListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /**
         * @param v the jitter's source (tests give a seeded one)
         * @return this builder
         */
        public Builder random(RandomGenerator v) {
            random = Objects.requireNonNull(v, "random");
            return this;
        }

        /**
         * @param v how many sendings {@link #runDue} takes at a time (default 20)
         * @return this builder
         */
        public Builder batch(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("batch must be 1 or more");
            }
            batch = v;
            return this;
        }

        /**
         * How many sendings of a batch are sent side by side (default 4: a report's DMP, prescriber and patient
         * sendings go out together). 1 sends them one after the other in the caller's thread. The senders are
         * called from several threads at once; the SDK's ({@link DmpSender}, {@link MssSender}) are thread-safe.
         *
         * @param v from 1
         * @return this builder
         */
        public Builder parallelism(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("parallelism must be 1 or more");
            }
            parallelism = v;
            return this;
        }

        /**
         * Builds the dispatcher, releasing this node's sendings interrupted by an earlier crash.
         *
         * @return the dispatcher
         */
        public Dispatcher build() {
            return new Dispatcher(this);
        }
    }
}
