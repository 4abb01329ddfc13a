using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using k8s.Models;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// One of the operator's RuntimeClasses (labelled <c>app.kubernetes.io/managed-by=hyperv-isolation</c>),
/// reduced to what admission needs: its name, whether its handler runs pods in a Hyper-V utility
/// VM, and the Windows build its scheduling pins (if any).
/// </summary>
/// <param name="Name">RuntimeClass name.</param>
/// <param name="IsHyperV">Whether the handler is a <c>runhcs-wcow-hypervisor</c> handler.</param>
/// <param name="Build">The build of <c>scheduling.nodeSelector[node.kubernetes.io/windows-build]</c>, if set.</param>
internal sealed record IsolationRuntimeClass(string Name, bool IsHyperV, WindowsBuild? Build)
{
    /// <summary>Prefix of containerd's Hyper-V handlers (<c>runhcs-wcow-hypervisor</c>, <c>runhcs-wcow-hypervisor-20348</c>).</summary>
    public const string HyperVHandlerPrefix = "runhcs-wcow-hypervisor";

    /// <summary>
    /// The operator's view of a RuntimeClass, or <see langword="null"/> when the class is not
    /// labelled as ours: a class anyone else created proves nothing about isolation.
    /// </summary>
    public static IsolationRuntimeClass? FromRuntimeClass(V1RuntimeClass runtimeClass)
    {
        ArgumentNullException.ThrowIfNull(runtimeClass);
        var labels = runtimeClass.Metadata?.Labels;
        if (runtimeClass.Metadata?.Name is not { Length: > 0 } name
            || labels is null
            || !labels.TryGetValue(WellKnownLabels.ManagedBy, out var managedBy)
            || managedBy != WellKnownLabels.ManagedByValue)
        {
            return null;
        }

        var isHyperV = runtimeClass.Handler?.StartsWith(HyperVHandlerPrefix, StringComparison.Ordinal) == true;
        WindowsBuild? build = runtimeClass.Scheduling?.NodeSelector is { } selector
            && selector.TryGetValue(WellKnownLabels.WindowsBuild, out var value)
            && WindowsBuild.TryParse(value, out var parsed)
                ? parsed
                : null;
        return new IsolationRuntimeClass(name, isHyperV, build);
    }
}
