using System.Text.Json;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>
/// An in-memory Host Compute Service for one simulated Windows node, behind the same
/// <see cref="IHostComputeService"/> the node agent uses for <c>computecore.dll</c>. The simulated
/// kubelet creates one utility VM per Hyper-V pod (<c>&lt;sandboxID&gt;@vm</c>, owned by the runhcs
/// shim) sized from the annotations that got through containerd; statistics move with the
/// <see cref="TimeProvider"/>; failures carry the HRESULTs real HCS returns: the computecore form
/// (<c>0x8037xxxx</c>) to the agent's calls, the vmcompute form (<c>0xC037xxxx</c>) the runhcs shim sees
/// when a VM is created. <see cref="StallOperations"/> makes the agent's calls hang as a stuck HCS does,
/// ignoring cancellation (HcsCancelOperation is not implemented). Thread-safe.
/// </summary>
public sealed class SimulatedHostComputeService : IHostComputeService
{
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedComputeSystem> systems = new(StringComparer.OrdinalIgnoreCase);
    private uint? nextBootFailure;
    private TaskCompletionSource? stall;

    /// <summary>Creates an empty host.</summary>
    public SimulatedHostComputeService(TimeProvider timeProvider, SimulatedHostOptions? host = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.timeProvider = timeProvider;
        Host = host ?? new SimulatedHostOptions();
    }

    /// <summary>The simulated host.</summary>
    public SimulatedHostOptions Host { get; }

    /// <summary>The HCS id hcsshim gives a pod's utility VM.</summary>
    public static string UtilityVmId(string sandboxId) => sandboxId + "@vm";

    /// <summary>Ids of all compute systems, running or stopped.</summary>
    public IReadOnlyList<string> ComputeSystemIds
    {
        get
        {
            lock (gate)
            {
                return [.. systems.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Boots a pod's utility VM, sized by <see cref="UtilityVmSizing"/>.</summary>
    /// <param name="sandboxId">The CRI sandbox id.</param>
    /// <param name="shimAnnotations">Pod annotations after the handler's allow-list (<see cref="AnnotationAllowList"/>).</param>
    /// <param name="handlerOptions">The runtime handler's options.</param>
    /// <returns>The new system's id, <c>&lt;sandboxID&gt;@vm</c>.</returns>
    /// <exception cref="HcsException">The id exists, the host lacks memory, or a boot failure was injected.</exception>
    public string CreateUtilityVm(string sandboxId, IReadOnlyDictionary<string, string> shimAnnotations, RunhcsOptions? handlerOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sandboxId);
        var id = UtilityVmId(sandboxId);
        var size = UtilityVmSizing.Size(shimAnnotations, handlerOptions, Host.LogicalProcessorCount);
        lock (gate)
        {
            if (nextBootFailure is { } failure)
            {
                nextBootFailure = null;
                throw Failure($"HcsCreateComputeSystem({id})", HcsErrorCodes.ToVmcomputeForm(failure), "The virtual machine could not be started.");
            }

            if (systems.ContainsKey(id))
            {
                throw Failure($"HcsCreateComputeSystem({id})", HcsErrorCodes.ToVmcomputeForm(HcsErrorCodes.SystemAlreadyExists), "A compute system with this id already exists.");
            }

            EnsureHostMemory(id, size.MemoryMb, "HcsCreateComputeSystem");
            systems[id] = new SimulatedComputeSystem
            {
                Id = id,
                SandboxId = sandboxId,
                RuntimeId = Guid.NewGuid(),
                StartedAt = timeProvider.GetUtcNow(),
                Size = size,
            };
            return id;
        }
    }

    /// <summary>Tears a compute system down (the pod sandbox was removed); false when it did not exist.</summary>
    public bool RemoveComputeSystem(string id)
    {
        lock (gate)
        {
            return systems.Remove(id);
        }
    }

    /// <summary>The current size of a compute system, or null when there is none with that id.</summary>
    public UtilityVmSize? GetSize(string id)
    {
        lock (gate)
        {
            return systems.TryGetValue(id, out var system) ? system.Size : null;
        }
    }

    /// <summary>Makes the next <see cref="CreateUtilityVm"/> fail with <paramref name="hResult"/> (fault injection).</summary>
    public void FailNextBoot(uint hResult)
    {
        lock (gate)
        {
            nextBootFailure = hResult;
        }
    }

    /// <summary>Makes every agent call (enumerate, open, properties, modify) hang until <see cref="ResumeOperations"/>, ignoring cancellation, as a stuck HCS does.</summary>
    public void StallOperations()
    {
        lock (gate)
        {
            stall ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets stalled and new calls complete again.</summary>
    public void ResumeOperations()
    {
        TaskCompletionSource? released;
        lock (gate)
        {
            released = stall;
            stall = null;
        }

        released?.TrySetResult();
    }

    /// <inheritdoc />
    public async Task<string> EnumerateComputeSystemsAsync(string queryJson, CancellationToken cancellationToken)
    {
        await WhenNotStalledAsync();
        cancellationToken.ThrowIfCancellationRequested();
        var query = HcsDocumentSerializer.DeserializeOptional(queryJson, HcsJsonContext.Default.ComputeSystemQuery) ?? new ComputeSystemQuery();
        lock (gate)
        {
            var matches = systems.Values
                .Where(s => Matches(query.Ids, s.Id) && Matches(query.Names, s.Id) && Matches(query.Types, s.SystemType) && Matches(query.Owners, s.Owner))
                .OrderBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => s.ToSummary())
                .ToList();
            return HcsDocumentSerializer.Serialize<IReadOnlyList<ComputeSystemSummary>>(
                matches, HcsJsonContext.Default.IReadOnlyListComputeSystemSummary);
        }
    }

    /// <inheritdoc />
    public async Task<IComputeSystem> OpenComputeSystemAsync(string id, CancellationToken cancellationToken)
    {
        await WhenNotStalledAsync();
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            _ = Find(id, $"HcsOpenComputeSystem({id})");
        }

        return new SimulatedComputeSystemHandle(this, id);
    }

    /// <summary>Completes when calls are not stalled (<see cref="StallOperations"/>); deliberately deaf to cancellation.</summary>
    internal Task WhenNotStalledAsync()
    {
        lock (gate)
        {
            return stall?.Task ?? Task.CompletedTask;
        }
    }

    internal string GetProperties(string id, string propertyQueryJson)
    {
        var operation = $"HcsGetComputeSystemProperties({id})";
        var query = HcsDocumentSerializer.DeserializeOptional(propertyQueryJson, HcsJsonContext.Default.PropertyQuery);
        var types = query?.PropertyTypes ?? [];
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            var system = Find(id, operation);
            var running = system.State == HcsSystemStates.Running;
            var properties = new Properties
            {
                Id = system.Id,
                SystemType = system.SystemType,
                RuntimeOsType = "Windows",
                Name = system.Id,
                Owner = system.Owner,
                RuntimeId = system.RuntimeId,
                State = system.State,
                Statistics = running && types.Contains(HcsPropertyTypes.Statistics) ? SimulatedGuestUsage.Statistics(system, Host, now) : null,
                Memory = running && types.Contains(HcsPropertyTypes.Memory) ? SimulatedGuestUsage.Memory(system, Host, now) : null,
            };
            return HcsDocumentSerializer.Serialize(properties, HcsJsonContext.Default.Properties);
        }
    }

    internal void Modify(string id, string settingsJson)
    {
        var operation = $"HcsModifyComputeSystem({id})";
        var request = HcsDocumentSerializer.Deserialize(settingsJson, HcsJsonContext.Default.ModifySettingRequest);
        lock (gate)
        {
            var system = Find(id, operation);
            if (system.State != HcsSystemStates.Running)
            {
                throw Failure(operation, HcsErrorCodes.InvalidState, "The compute system is not running.");
            }

            system.Size = request.ResourcePath switch
            {
                HcsResourcePaths.MemorySizeInMb => ResizeMemory(system, request, operation),
                HcsResourcePaths.ProcessorLimits => ChangeProcessorLimits(system, request, operation),
                _ => throw Failure(operation, HcsErrorCodes.OperationNotSupported, $"ResourcePath '{request.ResourcePath}' is not supported."),
            };
        }
    }

    private UtilityVmSize ResizeMemory(SimulatedComputeSystem system, ModifySettingRequest request, string operation)
    {
        if (request.Settings is not { ValueKind: JsonValueKind.Number } settings || !settings.TryGetUInt64(out var sizeMb) || sizeMb == 0)
        {
            throw Failure(operation, HcsErrorCodes.InvalidArgument, "Settings must be a positive memory size in MB.");
        }

        sizeMb += sizeMb % 2;
        EnsureHostMemory(system.Id, sizeMb, operation);
        return system.Size with { MemoryMb = sizeMb };
    }

    private UtilityVmSize ChangeProcessorLimits(SimulatedComputeSystem system, ModifySettingRequest request, string operation)
    {
        // Live CPU limits arrived with build 19042 (schema 2.4); Windows Server 2019 hosts refuse them.
        if (Host.Build.Number < 19042)
        {
            throw Failure(operation, HcsErrorCodes.OperationNotSupported, "Processor limits cannot be changed on this host build.");
        }

        ProcessorLimits? limits;
        try
        {
            limits = request.Settings is { ValueKind: JsonValueKind.Object } settings
                ? settings.Deserialize(HcsJsonContext.Default.ProcessorLimits)
                : null;
        }
        catch (JsonException)
        {
            limits = null;
        }

        if (limits is null || limits.Limit is 0 or > 100000 || limits.Weight > 10000)
        {
            throw Failure(operation, HcsErrorCodes.InvalidArgument, "Settings must be ProcessorLimits with Limit 1..100000 and Weight 0..10000.");
        }

        return system.Size with
        {
            ProcessorLimit = (int?)limits.Limit ?? system.Size.ProcessorLimit,
            ProcessorWeight = (int?)limits.Weight ?? system.Size.ProcessorWeight,
        };
    }

    // Caller holds the lock.
    private void EnsureHostMemory(string id, ulong wantedMb, string operation)
    {
        var othersMb = systems.Values.Where(s => !s.Id.Equals(id, StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (sum, s) => sum + s.Size.MemoryMb);
        if (othersMb + wantedMb > Host.MemoryMb)
        {
            throw Failure(operation, HcsErrorCodes.NotEnoughMemory, "Not enough memory resources are available to complete this operation.");
        }
    }

    // Caller holds the lock.
    private SimulatedComputeSystem Find(string id, string operation) =>
        systems.TryGetValue(id, out var system)
            ? system
            : throw Failure(operation, HcsErrorCodes.SystemNotFound, "A virtual machine or container with the specified identifier does not exist.");

    private static bool Matches(IReadOnlyList<string>? wanted, string value) =>
        wanted is null || wanted.Count == 0 || wanted.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static HcsException Failure(string operation, uint hResult, string message) =>
        new(operation, hResult, HcsDocumentSerializer.Serialize(
            new ResultError { Error = unchecked((int)hResult), ErrorMessage = message }, HcsJsonContext.Default.ResultError));
}
