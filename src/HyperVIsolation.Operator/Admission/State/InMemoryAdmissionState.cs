using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Admission.State;

/// <summary>A fixed <see cref="IAdmissionState"/> for tests and simulations.</summary>
/// <param name="policies">Every IsolationPolicy.</param>
/// <param name="runtimeClasses">The operator's RuntimeClasses.</param>
/// <param name="readyNodeBuilds">Builds of ready Windows nodes.</param>
/// <param name="namespaceLabels">Labels by namespace name.</param>
internal sealed class InMemoryAdmissionState(
    IReadOnlyList<IsolationPolicy> policies,
    IReadOnlyList<IsolationRuntimeClass> runtimeClasses,
    IReadOnlyList<WindowsBuild> readyNodeBuilds,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels) : IAdmissionState
{
    /// <inheritdoc />
    public IReadOnlyList<IsolationPolicy> Policies => policies;

    /// <inheritdoc />
    public IReadOnlyList<IsolationRuntimeClass> RuntimeClasses => runtimeClasses;

    /// <inheritdoc />
    public IReadOnlyList<WindowsBuild> ReadyNodeBuilds => readyNodeBuilds;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? NamespaceLabels(string namespaceName) =>
        namespaceLabels.TryGetValue(namespaceName, out var labels) ? labels : null;
}
