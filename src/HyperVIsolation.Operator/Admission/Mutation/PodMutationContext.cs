using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>What the mutator decides from.</summary>
/// <param name="CoveringPolicies">The IsolationPolicies covering the pod's namespace; none means no mutation.</param>
/// <param name="RuntimeClasses">The operator's RuntimeClasses.</param>
/// <param name="ReadyNodeBuilds">Builds of ready Windows nodes.</param>
/// <param name="Sizer">The VM sizer.</param>
/// <param name="TrustedCreator">Whether the operator itself creates the pod (its VM sizing annotations are kept).</param>
internal sealed record PodMutationContext(
    IReadOnlyList<IsolationPolicy> CoveringPolicies,
    IReadOnlyList<IsolationRuntimeClass> RuntimeClasses,
    IReadOnlyList<WindowsBuild> ReadyNodeBuilds,
    VmSizer Sizer,
    bool TrustedCreator = false);
