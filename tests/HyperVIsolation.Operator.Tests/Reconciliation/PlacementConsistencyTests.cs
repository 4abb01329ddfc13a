using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// The pod as kube-apiserver's RuntimeClass admission leaves it (class nodeSelector merged, a
/// conflicting key rejected) must be schedulable exactly on ready nodes that can run its image.
/// </summary>
public sealed class PlacementConsistencyTests
{
    public static TheoryData<WindowsVersion, int[]> Pools => new()
    {
        { WindowsVersion.Ltsc2019, [Ws2019] },
        { WindowsVersion.Ltsc2019, [Ws2019, Ws2022, Ws2025] },
        { WindowsVersion.Ltsc2019, [Ws2022, Ws2025] },
        { WindowsVersion.Ltsc2019, [Ws23H2, Ws2025] },
        { WindowsVersion.Ltsc2022, [Ws2019, Ws2022] },
        { WindowsVersion.Ltsc2022, [Ws2019, Ws2025] },
        { WindowsVersion.Ltsc2022, [Ws23H2] },
        { WindowsVersion.Ltsc2025, [Ws2019, Ws2022, Ws2025] },
        { WindowsVersion.Auto, [Ws2019, Ws2022, Ws2025] },
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void RenderedPodAndClass_AfterAdmissionMerge_NeverContradictAndLandOnCompatibleNodes(WindowsVersion version, int[] builds)
    {
        var nodes = Nodes(builds);
        var workload = Workload(os: new OsSelection { Version = version });
        var plan = PlanFor(workload, nodes);
        var pod = PodRenderer.Render(workload, plan);
        var runtimeClass = RuntimeClassRenderer.Render(plan.RuntimeClass!.HostBuild, [plan.Os.Flavor], new VmSizer(new GuestOsFootprints()));

        var merged = AdmitWithRuntimeClass(pod, runtimeClass);
        var schedulable = nodes.Where(node => Matches(merged, node)).ToList();

        runtimeClass.Metadata.Name.Should().Be(pod.Spec.RuntimeClassName);
        merged.Spec.NodeSelector[WellKnownLabels.WindowsBuild].Should().BeOneOf(AffinityBuilds(merged));
        schedulable.Should().NotBeEmpty();
        schedulable.Should().OnlyContain(node => WindowsCompatibility.CanRun(node.Build!.Value, plan.Os.ImageBuild, IsolationMode.HyperV));
    }

    [Fact]
    public void Choose_Ltsc2019ImageOnNewerHostsOnly_PinsTheOldestNewerHost()
    {
        var plan = PlanFor(Workload(os: new OsSelection { Version = WindowsVersion.Ltsc2019 }), Nodes(Ws2025, Ws2022));

        plan.RuntimeClass.Should().Be(new RuntimeClassChoice("hyperv-ltsc2022", WindowsBuild.Ltsc2022));
        plan.Os.CompatibleNodeBuilds.Should().Equal(WindowsBuild.Ltsc2022, WindowsBuild.Ltsc2025);
    }

    private static V1Pod AdmitWithRuntimeClass(V1Pod pod, V1RuntimeClass runtimeClass)
    {
        var selector = new Dictionary<string, string>(pod.Spec.NodeSelector ?? new Dictionary<string, string>());
        foreach (var (key, value) in runtimeClass.Scheduling.NodeSelector)
        {
            if (selector.TryGetValue(key, out var existing) && existing != value)
            {
                throw new InvalidOperationException($"403 conflict: runtimeClass.scheduling.nodeSelector[{key}]");
            }

            selector[key] = value;
        }

        pod.Spec.NodeSelector = selector;
        pod.Spec.Tolerations = [.. pod.Spec.Tolerations, .. runtimeClass.Scheduling.Tolerations];
        return pod;
    }

    private static List<string> AffinityBuilds(V1Pod pod) =>
        [.. pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions
            .Single(expression => expression.Key == WellKnownLabels.WindowsBuild).Values];

    private static bool Matches(V1Pod pod, NodeBuildInfo node)
    {
        var labels = new Dictionary<string, string>
        {
            [WellKnownLabels.Os] = "windows",
            [WellKnownLabels.WindowsBuild] = node.Build!.Value.LabelValue,
            [WellKnownLabels.NodeReady] = node.HyperVReady ? "true" : "false",
        };
        var selectorMatches = pod.Spec.NodeSelector.All(entry => labels.GetValueOrDefault(entry.Key) == entry.Value);
        var affinityMatches = pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions
            .All(expression => expression.Values.Contains(labels.GetValueOrDefault(expression.Key)));
        return selectorMatches && affinityMatches;
    }
}
