using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Policies;

/// <summary>The Hyper-V RuntimeClass a workload's pods use and the host build it schedules them on.</summary>
/// <param name="Name">The RuntimeClass name, for example <c>hyperv-ltsc2022</c>.</param>
/// <param name="HostBuild">The host build the class's <c>scheduling.nodeSelector</c> pins pods to.</param>
public sealed record RuntimeClassChoice(string Name, WindowsBuild HostBuild);
