using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// Drives <see cref="RolloutPlanner"/> the way the reconciler does: plan, apply (deleted pods start
/// terminating, created pods start not ready), then let some pods become ready and terminating pods
/// vanish, and plan again. Records the worst counts seen right after each apply.
/// </summary>
internal sealed class RolloutSimulation(int replicas, UpdateStrategy strategy, string hash)
{
    private readonly List<PodSummary> pods = [];
    private int created;

    public int MaxActive { get; private set; }

    public int MinReady { get; private set; } = int.MaxValue;

    public bool OldAndNewRanTogether { get; private set; }

    public int Rounds { get; private set; }

    public IReadOnlyList<PodSummary> Pods => pods;

    public void Seed(int count, string podHash)
    {
        for (var index = 0; index < count; index++)
        {
            Add(podHash, ready: true);
        }
    }

    /// <summary>Runs rounds until the plan is empty and every pod is current and ready; false when it never settles.</summary>
    public bool Run(int readyPerRound, int maxRounds = 100)
    {
        for (Rounds = 0; Rounds < maxRounds; Rounds++)
        {
            var plan = RolloutPlanner.Plan(replicas, strategy, hash, pods);
            if (plan.IsEmpty && pods.All(pod => pod.TemplateHash == hash && pod.Ready))
            {
                return pods.Count == replicas;
            }

            Apply(plan);
            Record();
            Progress(readyPerRound);
        }

        return false;
    }

    private void Apply(RolloutPlan plan)
    {
        foreach (var deletion in plan.Deletions)
        {
            var index = pods.FindIndex(pod => pod.Name == deletion.Name);
            pods[index].BeingDeleted.Should().BeFalse("a terminating pod is never deleted again");
            pods[index] = pods[index] with { BeingDeleted = true };
        }

        for (var count = 0; count < plan.PodsToCreate; count++)
        {
            Add(hash, ready: false);
        }
    }

    private void Record()
    {
        var active = pods.Where(pod => pod.IsActive).ToList();
        MaxActive = Math.Max(MaxActive, active.Count);
        MinReady = Math.Min(MinReady, active.Count(pod => pod.Ready));
        var running = pods.Where(pod => !pod.IsTerminal).ToList();
        OldAndNewRanTogether |= running.Any(pod => pod.TemplateHash == hash) && running.Any(pod => pod.TemplateHash != hash);
    }

    private void Progress(int readyPerRound)
    {
        pods.RemoveAll(pod => pod.BeingDeleted);
        var becomeReady = pods.Where(pod => !pod.Ready).Take(readyPerRound).Select(pod => pod.Name).ToHashSet();
        for (var index = 0; index < pods.Count; index++)
        {
            if (becomeReady.Contains(pods[index].Name))
            {
                pods[index] = pods[index] with { Ready = true, Phase = PodPhase.Running };
            }
        }
    }

    private void Add(string podHash, bool ready)
    {
        created++;
        pods.Add(new PodSummary(
            "pod-" + created.ToString(CultureInfo.InvariantCulture),
            podHash,
            ready ? PodPhase.Running : PodPhase.Pending,
            ready,
            BeingDeleted: false,
            ReconciliationInputs.Epoch.AddSeconds(created)));
    }
}
