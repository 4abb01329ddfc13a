using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// Picks the one host build (and so the RuntimeClass) a workload's Hyper-V pods run on, among the
/// builds the OS decision found compatible.
/// <list type="number">
/// <item>A class the workload's pods already use stays while its build is still compatible, so
/// nodes joining or leaving do not roll every pod to another build.</item>
/// <item>Otherwise the oldest compatible build: the image's own build when ready nodes of it exist
/// (no down-level emulation, smallest kernel mismatch), else the closest newer one, which leaves the
/// newest hosts to images that can run nowhere else.</item>
/// </list>
/// Capacity is not known to a pure function; a later reconciler can move a workload whose pods stay
/// unschedulable by passing no classes in use. The webhook prefers the newest build instead, for pods whose image
/// build it does not know (<see cref="PodRuntimeClassPicker"/> says why).
/// </summary>
public static class RuntimeClassSelector
{
    /// <summary>The class for <paramref name="decision"/>'s pods.</summary>
    /// <param name="decision">A Hyper-V OS decision with at least one compatible build.</param>
    /// <param name="runtimeClassesInUse">Classes the workload's current pods use, if any.</param>
    /// <exception cref="ArgumentException">The decision lists no compatible build.</exception>
    public static RuntimeClassChoice Choose(OsDecision decision, IReadOnlyCollection<string>? runtimeClassesInUse)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var candidates = decision.CompatibleNodeBuilds.Order().ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("The OS decision lists no compatible node build.", nameof(decision));
        }

        var inUse = InUseBuilds(runtimeClassesInUse);
        var chosen = candidates.FirstOrDefault(inUse.Contains, candidates[0]);
        return new RuntimeClassChoice(RuntimeClassNames.For(chosen), chosen);
    }

    private static HashSet<WindowsBuild> InUseBuilds(IReadOnlyCollection<string>? names)
    {
        var builds = new HashSet<WindowsBuild>();
        foreach (var name in names ?? [])
        {
            if (RuntimeClassNames.TryParse(name, out var build))
            {
                builds.Add(build);
            }
        }

        return builds;
    }
}
