package io.patchflow.change.detection;

import io.patchflow.advisory.AssessmentCompleted;
import io.patchflow.advisory.FixGroups;
import io.patchflow.advisory.FixGroups.FixGroup;
import io.patchflow.change.internal.ChangeAudit;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proposed changes: after each assessment, new fix-available findings are grouped per (ecosystem, package, fixed
 * version). A group without an open proposal gets one, and the {@code change-proposal} policy decides whether its
 * change starts at once or waits for an operator. A group that already has an open proposal (waiting, or started
 * with a change that has not ended) gets no second one: a waiting proposal is updated (and started if the policy
 * now says so), a started one records that its change covers the new hosts.
 */
@Service
class ChangeProposals {

    static final String POLICY_ACTOR = "policy:change-proposal";
    static final int MAX_REASON = 2000;

    private final ProposalRepository proposals;
    private final FixGroups groups;
    private final ProposalPolicy policy;
    private final DetectedChangeStarter starter;
    private final ChangeAudit audit;
    private final ProposalProperties properties;

    ChangeProposals(ProposalRepository proposals, FixGroups groups, ProposalPolicy policy,
            DetectedChangeStarter starter, ChangeAudit audit, ProposalProperties properties) {
        this.proposals = proposals;
        this.groups = groups;
        this.policy = policy;
        this.starter = starter;
        this.audit = audit;
        this.properties = properties;
    }

    /** In the assessment's transaction: the findings and the proposals made from them commit together. */
    @EventListener
    @Transactional
    public void on(AssessmentCompleted assessment) {
        if (!properties.enabled()) {
            return;
        }
        Map<ProposalRepository.Group, ProposalRepository.Row> openProposals = proposals.open();
        for (FixGroup group : groups.newIn(assessment.assessmentId())) {
            Optional<ProposalRepository.Row> open = Optional.ofNullable(openProposals.get(
                    new ProposalRepository.Group(group.ecosystem(), group.packageName(), group.fixedVersion())));
            if (open.isEmpty()) {
                propose(group, assessment.assessmentId());
            } else if (ProposalRepository.WAITING.equals(open.get().state())) {
                update(open.get(), group, assessment.assessmentId());
            } else {
                covered(open.get(), group, assessment.assessmentId());
            }
        }
    }

    private void propose(FixGroup group, long assessmentId) {
        ProposalPolicy.Decision decision = policy.decide(group);
        long id = proposals.insert(group, decision, assessmentId);
        audit.record(null, "proposal.created", POLICY_ACTOR, "Proposed " + describe(group) + ": "
                + (decision.autoStart() ? "starts automatically" : "waits for an operator"), decision.reason(),
                decision.inputs(), outcome(id, group, assessmentId, decision));
        if (decision.autoStart()) {
            start(proposals.find(id).orElseThrow(), POLICY_ACTOR);
        }
    }

    private void update(ProposalRepository.Row open, FixGroup group, long assessmentId) {
        ProposalPolicy.Decision decision = policy.decide(group);
        proposals.refresh(open.id(), group, decision, assessmentId);
        audit.record(null, "proposal.updated", POLICY_ACTOR, Proposal.id(open.id()) + " now " + describe(group),
                decision.reason(), decision.inputs(), outcome(open.id(), group, assessmentId, decision));
        if (decision.autoStart()) {
            start(proposals.find(open.id()).orElseThrow(), POLICY_ACTOR);
        }
    }

    private void covered(ProposalRepository.Row open, FixGroup group, long assessmentId) {
        ProposalPolicy.Decision unchanged = new ProposalPolicy.Decision(open.autoStart(), open.policyReason(),
                open.policyVersion(), Map.of());
        proposals.refresh(open.id(), group, unchanged, assessmentId);
        audit.record(open.changeId(), "proposal.covered", POLICY_ACTOR, group.newHosts() + " more host(s) need "
                + describe(group) + "; " + open.changeId() + " is open for this group, so no second change was "
                + "started", null, Map.of("proposal", Proposal.id(open.id()), "assessment", assessmentId),
                outcome(open.id(), group, assessmentId, unchanged));
    }

    /** An operator starts a waiting proposal. */
    @Transactional
    public String start(long id, String operator) {
        ProposalRepository.Row proposal = proposals.lock(id).orElseThrow(() -> notFound(id));
        if (!ProposalRepository.WAITING.equals(proposal.state())) {
            throw new ConflictException(Proposal.id(id) + " is " + proposal.state().toLowerCase()
                    + (proposal.changeId() == null ? "" : " (" + proposal.changeId() + ")") + "; only a waiting "
                    + "proposal can be started");
        }
        return start(proposal, operator);
    }

    @Transactional
    public void dismiss(long id, String operator, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("reason", "reason is required: say why this patch is not wanted");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadInputException("reason", "reason must be at most " + MAX_REASON + " characters");
        }
        ProposalRepository.Row proposal = proposals.lock(id).orElseThrow(() -> notFound(id));
        if (!ProposalRepository.WAITING.equals(proposal.state())) {
            throw new ConflictException(Proposal.id(id) + " is " + proposal.state().toLowerCase()
                    + "; only a waiting proposal can be dismissed");
        }
        proposals.dismissed(id, operator, reason.strip());
        audit.record(null, "proposal.dismissed", operator, "Dismissed " + Proposal.id(id) + ": "
                + proposal.packageName() + " " + proposal.fixedVersion() + " (" + proposal.ecosystem() + ")",
                reason.strip(), Map.of("proposal", Proposal.id(id)), Map.of("state", ProposalRepository.DISMISSED));
    }

    @Transactional(readOnly = true)
    public Proposal get(long id) {
        ProposalRepository.Row row = proposals.find(id).orElseThrow(() -> notFound(id));
        return view(row, groups.hosts(row.ecosystem(), row.packageName(), row.fixedVersion()));
    }

    @Transactional(readOnly = true)
    public List<Proposal> list(String state, int page, int size) {
        return proposals.list(state, page, size).stream().map(row -> view(row, null)).toList();
    }

    @Transactional(readOnly = true)
    public long count(String state) {
        return proposals.count(state);
    }

    /**
     * Starts the proposal's change for the hosts that need it and are not already in an open change for the same
     * advisories (an operator may have asked for one through the API before the assessment ran): two changes never
     * patch one host for one advisory at the same time. When every host is covered, the proposal is marked started
     * with the covering change, or refused when an operator asked.
     */
    private String start(ProposalRepository.Row proposal, String by) {
        List<String> needing = groups.hosts(proposal.ecosystem(), proposal.packageName(), proposal.fixedVersion());
        if (needing.isEmpty()) {
            throw new ConflictException(Proposal.id(proposal.id()) + ": no host needs " + proposal.packageName()
                    + " " + proposal.fixedVersion() + " any more; dismiss it instead");
        }
        List<String> advisories = proposals.advisories(proposal.id());
        ProposalRepository.Coverage coverage = proposals.coverage(advisories);
        List<String> hosts = coverage.allHosts().isEmpty()
                ? needing.stream().filter(host -> !coverage.hosts().containsKey(host)).toList() : List.of();
        if (hosts.isEmpty()) {
            return coveredAlready(proposal, by, needing, coverage);
        }
        String changeId = starter.start(proposal, advisories, hosts, by);
        proposals.started(proposal.id(), changeId, by);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("proposal", Proposal.id(proposal.id()));
        inputs.put("advisories", advisories);
        inputs.put("inOpenChanges", coveredBy(needing, coverage));
        audit.record(changeId, POLICY_ACTOR.equals(by) ? "proposal.auto-started" : "proposal.started", by,
                "Started " + changeId + " from " + Proposal.id(proposal.id()) + " for " + hosts.size() + " host(s)"
                        + (hosts.size() < needing.size() ? "; " + (needing.size() - hosts.size())
                                + " other(s) are already in open changes" : ""),
                POLICY_ACTOR.equals(by) ? proposal.policyReason() : null, inputs,
                Map.of("change", changeId, "hosts", hosts.size()));
        return changeId;
    }

    private String coveredAlready(ProposalRepository.Row proposal, String by, List<String> needing,
            ProposalRepository.Coverage coverage) {
        Map<String, List<String>> byChange = coveredBy(needing, coverage);
        String change = byChange.keySet().iterator().next();
        if (!POLICY_ACTOR.equals(by)) {
            throw new ConflictException(Proposal.id(proposal.id()) + ": every host that needs " + proposal.packageName()
                    + " " + proposal.fixedVersion() + " is already in an open change for its advisories ("
                    + String.join(", ", byChange.keySet()) + "); dismiss it or wait for those changes");
        }
        proposals.started(proposal.id(), change, by);
        audit.record(change, "proposal.covered", POLICY_ACTOR, Proposal.id(proposal.id()) + " would start a change for "
                + needing.size() + " host(s), but open changes for its advisories already patch them: no second change",
                proposal.policyReason(), Map.of("proposal", Proposal.id(proposal.id())),
                Map.of("coveredBy", byChange));
        return change;
    }

    /** Which open change patches which of the hosts; changes without targets or scope take every host. */
    private static Map<String, List<String>> coveredBy(List<String> hosts, ProposalRepository.Coverage coverage) {
        Map<String, List<String>> byChange = new LinkedHashMap<>();
        coverage.allHosts().forEach(change -> byChange.put(change, List.of("*")));
        for (String host : hosts) {
            String change = coverage.hosts().get(host);
            if (change != null) {
                byChange.computeIfAbsent(change, c -> new ArrayList<>()).add(host);
            }
        }
        return byChange;
    }

    private Proposal view(ProposalRepository.Row r, List<String> hostNames) {
        return new Proposal(Proposal.id(r.id()), r.ecosystem(), r.packageName(), r.fixedVersion(), r.state(),
                r.priority(), r.inKev(), hostNames == null ? r.hosts() : hostNames.size(), hostNames,
                proposals.advisories(r.id()), r.autoStart(), r.policyReason(), r.policyVersion(), r.changeId(),
                r.decidedBy(), r.dismissReason(), r.firstAssessment(), r.lastAssessment(), r.createdAt(),
                r.updatedAt());
    }

    private static Map<String, Object> outcome(long id, FixGroup group, long assessmentId,
            ProposalPolicy.Decision decision) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("proposal", Proposal.id(id));
        outcome.put("assessment", assessmentId);
        outcome.put("hosts", group.hosts());
        outcome.put("newHosts", group.newHosts());
        outcome.put("advisories", group.advisories());
        outcome.put("autoStart", decision.autoStart());
        outcome.put("policyVersion", decision.version());
        return outcome;
    }

    private static String describe(FixGroup group) {
        return group.packageName() + " " + group.fixedVersion() + " (" + group.ecosystem() + ", " + group.hosts()
                + " host(s), " + group.priority() + (group.inKev() ? ", KEV" : "") + ")";
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No proposal " + Proposal.id(id));
    }
}
