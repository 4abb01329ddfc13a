using HyperVIsolation.NodeAgent.Cri.V1;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>
/// The simulated node's container runtime tables: what containerd would know. The simulated kubelet
/// fills it; <see cref="SimulatedCriRuntimeService"/> serves it over CRI. Thread-safe.
/// </summary>
public sealed class SimulatedCriRuntimeState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedSandbox> sandboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedContainer> containers = new(StringComparer.Ordinal);
    private DateTimeOffset unavailableUntil = DateTimeOffset.MinValue;

    /// <summary>Runtime name reported by Version.</summary>
    public string RuntimeName { get; init; } = "containerd";

    /// <summary>Runtime version reported by Version.</summary>
    public string RuntimeVersion { get; init; } = "v2.0.4";

    /// <summary>
    /// When containerd serves CRI again after its last restart; every call before then fails with
    /// <c>Unavailable</c>. The tables survive the restart, as containerd's metadata store does.
    /// </summary>
    public DateTimeOffset UnavailableUntil
    {
        get
        {
            lock (gate)
            {
                return unavailableUntil;
            }
        }
    }

    /// <summary>Takes CRI down until <paramref name="until"/> (a containerd restart).</summary>
    public void MarkUnavailableUntil(DateTimeOffset until)
    {
        lock (gate)
        {
            unavailableUntil = until;
        }
    }

    /// <summary>Whether CRI is down at <paramref name="now"/>.</summary>
    public bool IsUnavailableAt(DateTimeOffset now) => UnavailableUntil > now;

    /// <summary>Adds or replaces a sandbox.</summary>
    public void AddSandbox(SimulatedSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        lock (gate)
        {
            sandboxes[sandbox.Id] = sandbox;
        }
    }

    /// <summary>Removes a sandbox and its containers; false when it did not exist.</summary>
    public bool RemoveSandbox(string sandboxId)
    {
        lock (gate)
        {
            foreach (var id in containers.Values.Where(c => c.PodSandboxId == sandboxId).Select(c => c.Id).ToList())
            {
                containers.Remove(id);
            }

            return sandboxes.Remove(sandboxId);
        }
    }

    /// <summary>Marks a sandbox ready or not ready.</summary>
    /// <exception cref="KeyNotFoundException">No such sandbox.</exception>
    public void SetSandboxState(string sandboxId, PodSandboxState state)
    {
        lock (gate)
        {
            sandboxes[sandboxId] = GetSandboxLocked(sandboxId) with { State = state };
        }
    }

    /// <summary>Adds or replaces a container in an existing sandbox.</summary>
    /// <exception cref="KeyNotFoundException">Its sandbox does not exist.</exception>
    public void AddContainer(SimulatedContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        lock (gate)
        {
            _ = GetSandboxLocked(container.PodSandboxId);
            containers[container.Id] = container;
        }
    }

    /// <summary>Changes a container's state, for example to exited.</summary>
    /// <exception cref="KeyNotFoundException">No such container.</exception>
    public void SetContainerState(string containerId, ContainerState state)
    {
        lock (gate)
        {
            containers[containerId] = GetContainerLocked(containerId) with { State = state };
        }
    }

    /// <summary>Removes a container; false when it did not exist.</summary>
    public bool RemoveContainer(string containerId)
    {
        lock (gate)
        {
            return containers.Remove(containerId);
        }
    }

    /// <summary>A sandbox by id, or null.</summary>
    public SimulatedSandbox? FindSandbox(string sandboxId)
    {
        lock (gate)
        {
            return sandboxes.GetValueOrDefault(sandboxId);
        }
    }

    /// <summary>A container by id, or null.</summary>
    public SimulatedContainer? FindContainer(string containerId)
    {
        lock (gate)
        {
            return containers.GetValueOrDefault(containerId);
        }
    }

    /// <summary>Sandboxes matching a CRI filter (all when null), oldest first.</summary>
    public IReadOnlyList<SimulatedSandbox> ListSandboxes(PodSandboxFilter? filter)
    {
        lock (gate)
        {
            return [.. sandboxes.Values
                .Where(s => filter is null || (
                    (filter.Id.Length == 0 || s.Id == filter.Id)
                    && (filter.State is null || s.State == filter.State.State)
                    && MatchesLabels(s.Labels, filter.LabelSelector)))
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Containers matching a CRI filter (all when null), oldest first.</summary>
    public IReadOnlyList<SimulatedContainer> ListContainers(ContainerFilter? filter)
    {
        lock (gate)
        {
            return [.. containers.Values
                .Where(c => filter is null || (
                    (filter.Id.Length == 0 || c.Id == filter.Id)
                    && (filter.PodSandboxId.Length == 0 || c.PodSandboxId == filter.PodSandboxId)
                    && (filter.State is null || c.State == filter.State.State)
                    && MatchesLabels(c.Labels, filter.LabelSelector)))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Replaces a container's Windows resources (UpdateContainerResources).</summary>
    /// <exception cref="KeyNotFoundException">No such container.</exception>
    public SimulatedContainer UpdateWindowsResources(string containerId, WindowsContainerResources resources)
    {
        lock (gate)
        {
            var updated = GetContainerLocked(containerId) with { WindowsResources = resources.Clone() };
            containers[containerId] = updated;
            return updated;
        }
    }

    private static bool MatchesLabels(IReadOnlyDictionary<string, string> labels, IDictionary<string, string> selector) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private SimulatedSandbox GetSandboxLocked(string sandboxId) =>
        sandboxes.TryGetValue(sandboxId, out var sandbox) ? sandbox : throw new KeyNotFoundException($"pod sandbox {sandboxId} not found");

    private SimulatedContainer GetContainerLocked(string containerId) =>
        containers.TryGetValue(containerId, out var container) ? container : throw new KeyNotFoundException($"container {containerId} not found");
}
