using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using k8s.Models;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// The scheduling pieces shared by rendered pods, RuntimeClasses and the webhook's mutator, so all say exactly
/// the same thing about Windows nodes (a pod and its class must never contradict each other).
/// </summary>
internal static class WindowsScheduling
{
    /// <summary>The value of <see cref="WellKnownLabels.Os"/> on Windows nodes.</summary>
    public const string WindowsOs = "windows";

    /// <summary>The key of the taint Windows nodes commonly carry, <c>os=windows:NoSchedule</c>.</summary>
    public const string OsTaintKey = "os";

    /// <summary>The effect of that taint.</summary>
    public const string NoScheduleEffect = "NoSchedule";

    /// <summary>The value of <see cref="WellKnownLabels.NodeReady"/> on nodes the node agent has configured.</summary>
    public const string ReadyValue = "true";

    /// <summary>The usual taint of Windows nodes, <c>os=windows:NoSchedule</c>, tolerated.</summary>
    public static V1Toleration WindowsToleration() => new()
    {
        Key = OsTaintKey,
        OperatorProperty = "Equal",
        Value = WindowsOs,
        Effect = NoScheduleEffect,
    };

    /// <summary>Required node affinity: one of <paramref name="builds"/>, and ready for Hyper-V pods.</summary>
    public static V1Affinity CompatibleBuildsAffinity(IEnumerable<WindowsBuild> builds) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms =
                [
                    new V1NodeSelectorTerm
                    {
                        MatchExpressions =
                        [
                            new V1NodeSelectorRequirement
                            {
                                Key = WellKnownLabels.WindowsBuild,
                                OperatorProperty = "In",
                                Values = builds.Distinct().Order().Select(build => build.LabelValue).ToList(),
                            },
                            new V1NodeSelectorRequirement
                            {
                                Key = WellKnownLabels.NodeReady,
                                OperatorProperty = "In",
                                Values = [ReadyValue],
                            },
                        ],
                    },
                ],
            },
        },
    };
}
