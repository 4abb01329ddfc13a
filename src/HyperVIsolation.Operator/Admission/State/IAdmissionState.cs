using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Admission.State;

/// <summary>
/// The cluster state admission decisions read: policies, namespace labels, the operator's
/// RuntimeClasses and the builds of ready nodes. The operator backs it with its informer cache;
/// tests with <see cref="InMemoryAdmissionState"/>. Reads are in-memory and must not block.
/// </summary>
internal interface IAdmissionState
{
    /// <summary>Every IsolationPolicy in the cluster.</summary>
    IReadOnlyList<IsolationPolicy> Policies { get; }

    /// <summary>The operator's RuntimeClasses.</summary>
    IReadOnlyList<IsolationRuntimeClass> RuntimeClasses { get; }

    /// <summary>Distinct builds of Windows nodes the node agent marked ready.</summary>
    IReadOnlyList<WindowsBuild> ReadyNodeBuilds { get; }

    /// <summary>The labels of a namespace, or <see langword="null"/> when the namespace is not known.</summary>
    IReadOnlyDictionary<string, string>? NamespaceLabels(string namespaceName);
}
