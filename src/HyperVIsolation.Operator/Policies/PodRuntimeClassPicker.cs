using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// Picks the Hyper-V RuntimeClass the webhook gives a tenant's pod that names none: the one pinned to the build the
/// pod's <c>node.kubernetes.io/windows-build</c> node selector names; otherwise the one for the newest ready build,
/// else a class pinned to no build, else the newest pinned one. A pod pinned to a build without its own class gets
/// only an unpinned class, because the RuntimeClass admission plugin rejects a class whose node selector conflicts
/// with the pod's.
/// <para>
/// Why the newest, where <see cref="RuntimeClassSelector"/> picks the oldest compatible build for a workload: the
/// reconciler knows each workload's image build and keeps newer hosts for images nothing older can run; the webhook
/// sees an arbitrary tenant image whose build it does not know, and a Hyper-V host runs images of its own and every
/// older build, so the newest ready build is the one most likely to run it.
/// </para>
/// </summary>
internal static class PodRuntimeClassPicker
{
    /// <summary>The RuntimeClass name, or <see langword="null"/> when no Hyper-V class fits.</summary>
    /// <param name="nodeSelector">The pod's node selector, if any.</param>
    /// <param name="runtimeClasses">The operator's RuntimeClasses.</param>
    /// <param name="readyBuilds">The builds of nodes ready for Hyper-V pods.</param>
    public static string? For(IDictionary<string, string>? nodeSelector, IReadOnlyList<IsolationRuntimeClass> runtimeClasses, IReadOnlyList<WindowsBuild> readyBuilds)
    {
        // One pass, no sorting: every pod CREATE asks. Ties go to the class whose name sorts first.
        IsolationRuntimeClass? unpinned = null;
        if (nodeSelector is not null && nodeSelector.TryGetValue(WellKnownLabels.WindowsBuild, out var label))
        {
            var parsed = WindowsBuild.TryParse(label, out var wanted);
            IsolationRuntimeClass? forWanted = null;
            for (var index = 0; index < runtimeClasses.Count; index++)
            {
                var candidate = runtimeClasses[index];
                if (!candidate.IsHyperV)
                {
                    continue;
                }

                if (candidate.Build is null)
                {
                    unpinned = FirstByName(unpinned, candidate);
                }
                else if (parsed && candidate.Build == wanted)
                {
                    forWanted = FirstByName(forWanted, candidate);
                }
            }

            return (forWanted ?? unpinned)?.Name;
        }

        IsolationRuntimeClass? newestReady = null;
        IsolationRuntimeClass? newest = null;
        for (var index = 0; index < runtimeClasses.Count; index++)
        {
            var candidate = runtimeClasses[index];
            if (!candidate.IsHyperV)
            {
                continue;
            }

            if (candidate.Build is not { } build)
            {
                unpinned = FirstByName(unpinned, candidate);
                continue;
            }

            newest = Newer(newest, candidate);
            if (Contains(readyBuilds, build))
            {
                newestReady = Newer(newestReady, candidate);
            }
        }

        return (newestReady ?? unpinned ?? newest)?.Name;
    }

    private static IsolationRuntimeClass FirstByName(IsolationRuntimeClass? best, IsolationRuntimeClass candidate) =>
        best is null || string.CompareOrdinal(candidate.Name, best.Name) < 0 ? candidate : best;

    /// <summary>The class pinned to the newer build; between classes of the same build, the one whose name sorts first.</summary>
    private static IsolationRuntimeClass Newer(IsolationRuntimeClass? best, IsolationRuntimeClass candidate)
    {
        if (best is null)
        {
            return candidate;
        }

        var byBuild = candidate.Build!.Value.CompareTo(best.Build!.Value);
        return byBuild > 0 || (byBuild == 0 && string.CompareOrdinal(candidate.Name, best.Name) < 0) ? candidate : best;
    }

    private static bool Contains(IReadOnlyList<WindowsBuild> builds, WindowsBuild build)
    {
        for (var index = 0; index < builds.Count; index++)
        {
            if (builds[index] == build)
            {
                return true;
            }
        }

        return false;
    }
}
