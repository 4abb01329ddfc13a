using System.Text.RegularExpressions;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>Checks a <see cref="NodePoolConfig"/> and returns every problem at once (empty when valid).</summary>
public static partial class NodePoolConfigValidator
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] Editions = ["Datacenter", "Standard"];

    /// <summary>Every problem with <paramref name="config"/>.</summary>
    public static IReadOnlyList<string> Validate(NodePoolConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        if (config.Groups.Count == 0)
        {
            errors.Add("groups: at least one node group is required.");
        }

        if (config.HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add("heartbeatInterval: must be positive.");
        }

        if (config.LeaseDurationSeconds < 1)
        {
            errors.Add("leaseDurationSeconds: must be at least 1.");
        }

        foreach (var duplicate in config.Groups.GroupBy(g => g.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"groups: name '{duplicate.Key}' is used more than once.");
        }

        for (var i = 0; i < config.Groups.Count; i++)
        {
            ValidateGroup(config.Groups[i], $"groups[{i}]", errors);
        }

        // Each node gets a 10.244.<n>.0/24 pod range.
        if (config.Groups.Sum(g => Math.Max(g.Count, 0)) > 250)
        {
            errors.Add("groups: at most 250 nodes in total.");
        }

        return errors;
    }

    private static void ValidateGroup(NodeGroupConfig group, string path, List<string> errors)
    {
        if (!DnsLabel().IsMatch(group.Name) || group.Name.Length > 50)
        {
            errors.Add($"{path}.name: '{group.Name}' must be a DNS label of at most 50 characters.");
        }

        if (group.Count < 0)
        {
            errors.Add($"{path}.count: must not be negative.");
        }

        if (!group.TryGetBuild(out _))
        {
            errors.Add($"{path}.windowsBuild: '{group.WindowsBuild}' is not a Windows build (use 17763, 10.0.20348 or ltsc2025).");
        }

        if (group.BuildRevision < 0)
        {
            errors.Add($"{path}.buildRevision: must not be negative.");
        }

        RequirePositiveQuantity(group.Cpu, $"{path}.cpu", errors);
        RequirePositiveQuantity(group.Memory, $"{path}.memory", errors);
        if (group.Pods < 1)
        {
            errors.Add($"{path}.pods: must be at least 1.");
        }

        foreach (var (name, quantity) in group.ExtendedResources)
        {
            if (!name.Contains('/', StringComparison.Ordinal) || name.StartsWith("kubernetes.io/", StringComparison.Ordinal))
            {
                errors.Add($"{path}.extendedResources: '{name}' must be a domain-qualified name outside kubernetes.io.");
            }

            RequirePositiveQuantity(quantity, $"{path}.extendedResources[{name}]", errors);
        }

        if (!Editions.Contains(group.Edition, StringComparer.Ordinal))
        {
            errors.Add($"{path}.edition: '{group.Edition}' must be Datacenter or Standard.");
        }

        if (group.ContainerdConfigVersion() is null)
        {
            errors.Add($"{path}.containerdVersion: '{group.ContainerdVersion}' is not supported (1.7.x or 2.x).");
        }

        for (var i = 0; i < group.Taints.Count; i++)
        {
            var taint = group.Taints[i];
            if (string.IsNullOrWhiteSpace(taint.Key))
            {
                errors.Add($"{path}.taints[{i}].key: is required.");
            }

            if (!Effects.Contains(taint.Effect, StringComparer.Ordinal))
            {
                errors.Add($"{path}.taints[{i}].effect: '{taint.Effect}' must be NoSchedule, PreferNoSchedule or NoExecute.");
            }
        }

        foreach (var key in group.Labels.Keys.Where(k => string.IsNullOrWhiteSpace(k) || k.Length > 316))
        {
            errors.Add($"{path}.labels: '{key}' is not a label key.");
        }

        if (group.VmBootTime < TimeSpan.Zero)
        {
            errors.Add($"{path}.vmBootTime: must not be negative.");
        }
    }

    private static void RequirePositiveQuantity(string? text, string path, List<string> errors)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(text) || new ResourceQuantity(text).ToDecimal() <= 0)
            {
                errors.Add($"{path}: '{text}' must be a positive quantity.");
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            errors.Add($"{path}: '{text}' is not a quantity.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
