using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Readiness;

/// <summary>
/// Checks containerd's merged configuration for what our pods need: the <c>runhcs-wcow-hypervisor</c> handlers
/// (base and this build's) with hypervisor isolation, scaled CPU limits, and an allow-list that lets the utility
/// VM's sizing annotations and <c>disable-unsafe-operations</c> through. Without the allow-list every VM silently
/// boots at the defaults, so a node missing any of this must not be labelled ready.
/// </summary>
public static class HyperVHandlerVerifier
{
    // One key per pattern the product relies on: a sizing annotation and the unsafe-operations switch.
    private static readonly IReadOnlyDictionary<string, string> RequiredAnnotations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HcsAnnotations.MemorySizeInMb] = "1024",
        [HcsAnnotations.ProcessorCount] = "2",
        [HcsAnnotations.DisableUnsafeOperations] = "true",
    };

    /// <summary>The problems found; empty when the node can run our pods.</summary>
    /// <param name="config">containerd's configuration with its imports merged.</param>
    /// <param name="build">The host's build, whose per-build handler must exist too.</param>
    public static IReadOnlyList<string> Verify(ContainerdConfig config, WindowsBuild build)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        foreach (var name in new[] { HyperVHandlerDropIn.BaseHandlerName, HyperVHandlerDropIn.HandlerName(build) })
        {
            if (!config.TryGetHandler(name, out var handler))
            {
                problems.Add($"containerd has no runtime handler {name}");
                continue;
            }

            if (handler.RuntimeType != HyperVHandlerDropIn.RunhcsRuntimeType)
            {
                problems.Add($"handler {name} runs {handler.RuntimeType ?? "no runtime_type"}, not {HyperVHandlerDropIn.RunhcsRuntimeType}");
            }

            if (handler.Options?.SandboxIsolation != RunhcsOptions.HypervisorIsolation)
            {
                problems.Add($"handler {name} does not set SandboxIsolation = {RunhcsOptions.HypervisorIsolation} (hypervisor)");
            }

            if (handler.Options?.ScaleCpuLimitsToSandbox != true)
            {
                problems.Add($"handler {name} does not set ScaleCpuLimitsToSandbox");
            }

            var passed = AnnotationAllowList.FilterPodAnnotations(handler, RequiredAnnotations);
            foreach (var key in RequiredAnnotations.Keys.Where(key => !passed.ContainsKey(key)))
            {
                problems.Add($"handler {name} drops pod annotation {key} (pod_annotations allow-list)");
            }
        }

        return problems;
    }
}
