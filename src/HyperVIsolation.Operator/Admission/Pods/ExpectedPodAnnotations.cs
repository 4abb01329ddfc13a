using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// The <c>io.microsoft.*</c> annotations a pod must carry, computed the same way by the mutator
/// (which writes them) and the validator (which accepts exactly them): the VM size from
/// <see cref="VmSizer"/> with the covering policies' defaults and caps, and
/// <c>io.microsoft.disable-unsafe-operations: "true"</c> when any covering policy asks for it.
/// Linux pods get none: they never reach hcsshim.
/// </summary>
/// <param name="Annotations">The annotations, sorted by key.</param>
/// <param name="Sizing">The sizing outcome; its failures are cap violations.</param>
internal sealed record ExpectedPodAnnotations(IReadOnlyDictionary<string, string> Annotations, VmSizingResult? Sizing)
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new SortedList<string, string>(StringComparer.Ordinal).AsReadOnly();

    /// <summary>The annotations for a pod under its covering policies.</summary>
    public static ExpectedPodAnnotations For(AdmissionPod pod, IReadOnlyList<IsolationPolicy> coveringPolicies, VmSizer sizer) =>
        For(new PodVmSizing(pod, sizer), coveringPolicies);

    /// <summary>The annotations for a pod under its covering policies, sized through <paramref name="sizing"/>.</summary>
    public static ExpectedPodAnnotations For(PodVmSizing sizing, IReadOnlyList<IsolationPolicy> coveringPolicies)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        ArgumentNullException.ThrowIfNull(coveringPolicies);
        var pod = sizing.Pod;
        if (PodOsTarget.LinuxField(pod) is not null)
        {
            return new ExpectedPodAnnotations(NoAnnotations, null);
        }

        var sized = Size(sizing, coveringPolicies);
        var annotations = new SortedList<string, string>((sized.Sizing?.Annotations.Count ?? 0) + 1, StringComparer.Ordinal);
        if (sized.Sizing is { } vm)
        {
            foreach (var (key, value) in vm.Annotations)
            {
                annotations[key] = value;
            }
        }

        if (AnyDisablesUnsafeOperations(coveringPolicies))
        {
            annotations[HcsAnnotations.DisableUnsafeOperations] = "true";
        }

        return new ExpectedPodAnnotations(annotations, sized);
    }

    /// <summary>
    /// The annotations for a pod the operator itself created from an IsolatedWorkload: its VM
    /// sizing annotations (from <c>spec.vm</c>, which container resources cannot express) are
    /// kept as they are, and checked against the caps instead of recomputed. Every other
    /// Microsoft key is still the operator's to decide.
    /// </summary>
    public static ExpectedPodAnnotations ForTrustedCreator(AdmissionPod pod, IReadOnlyList<IsolationPolicy> coveringPolicies, VmSizer sizer) =>
        ForTrustedCreator(new PodVmSizing(pod, sizer), coveringPolicies);

    /// <summary>The annotations for a pod the operator itself created, sized through <paramref name="sizing"/>.</summary>
    public static ExpectedPodAnnotations ForTrustedCreator(PodVmSizing sizing, IReadOnlyList<IsolationPolicy> coveringPolicies)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        var expected = For(sizing, coveringPolicies);
        var pod = sizing.Pod;
        var actual = pod.Metadata?.Annotations;
        if (actual is null || PodOsTarget.LinuxField(pod) is not null || !actual.Keys.Any(SizingKeys.Contains))
        {
            return expected;
        }

        var annotations = new SortedList<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in expected.Annotations.Where(entry => !SizingKeys.Contains(entry.Key)))
        {
            annotations[key] = value;
        }

        foreach (var (key, value) in actual.Where(entry => SizingKeys.Contains(entry.Key)))
        {
            annotations[key] = value;
        }

        return new ExpectedPodAnnotations(annotations, null);
    }

    /// <summary>The keys <see cref="VmSize.ToPodAnnotations"/> writes.</summary>
    public static IReadOnlySet<string> SizingKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        HcsAnnotations.MemorySizeInMb,
        HcsAnnotations.ProcessorCount,
        HcsAnnotations.ProcessorLimit,
        HcsAnnotations.ProcessorWeight,
        HcsAnnotations.StorageIopsMaximum,
        HcsAnnotations.StorageBandwidthMaximum,
        HcsAnnotations.AllowOvercommit,
    };

    /// <summary>Whether <paramref name="key"/> is a Microsoft annotation hcsshim or containerd may read.</summary>
    public static bool IsMicrosoftKey(string key) => key.StartsWith(HcsAnnotations.MicrosoftPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether any covering policy disables unsafe operations (unset means it does).</summary>
    private static bool AnyDisablesUnsafeOperations(IReadOnlyList<IsolationPolicy> policies)
    {
        for (var index = 0; index < policies.Count; index++)
        {
            if (policies[index].Spec?.DisableUnsafeOperations ?? true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sizes against every covering policy; when that breaks an Audit policy's cap, sizes against
    /// the enforcing ones only, so an audited namespace still gets a VM size (the warning says
    /// what is over). When even the enforcing caps fail there is no size: validation denies.
    /// </summary>
    private static VmSizingResult Size(PodVmSizing sizing, IReadOnlyList<IsolationPolicy> policies)
    {
        var all = sizing.Size(EffectiveVmSizePolicy.Combine(policies));
        if (all.IsSuccess)
        {
            return all;
        }

        var enforcing = policies.Where(policy => (policy.Spec?.Mode ?? PolicyMode.Enforce) == PolicyMode.Enforce).ToList();
        if (enforcing.Count == policies.Count)
        {
            return all;
        }

        var enforced = sizing.Size(EffectiveVmSizePolicy.Combine(enforcing));
        return enforced.IsSuccess ? enforced : all;
    }
}
