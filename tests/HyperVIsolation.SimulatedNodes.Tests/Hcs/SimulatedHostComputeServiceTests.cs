using System.Text.Json;
using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.SimulatedNodes.Hcs;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.SimulatedNodes.Tests.Hcs;

public sealed class SimulatedHostComputeServiceTests
{
    private static readonly Dictionary<string, string> NoAnnotations = [];
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CreateUtilityVm_ThenEnumeratePodVms_ListsVmOwnedByShim()
    {
        var hcs = new SimulatedHostComputeService(time);

        var id = hcs.CreateUtilityVm("sandbox1", NoAnnotations, handlerOptions: null);
        var summaries = await hcs.EnumerateComputeSystemsAsync(ComputeSystemQuery.PodUtilityVms, CancellationToken.None);

        id.Should().Be("sandbox1@vm");
        summaries.Should().ContainSingle().Which.Should().Match<ComputeSystemSummary>(s =>
            s.Id == "sandbox1@vm" && s.Owner == HcsOwners.RunhcsShim && s.SystemType == HcsSystemTypes.VirtualMachine && s.State == HcsSystemStates.Running);
    }

    [Fact]
    public async Task EnumerateComputeSystems_QueryForOtherOwner_ReturnsNothing()
    {
        var hcs = new SimulatedHostComputeService(time);
        hcs.CreateUtilityVm("sandbox1", NoAnnotations, null);

        var summaries = await hcs.EnumerateComputeSystemsAsync(new ComputeSystemQuery { Owners = ["vmms.exe"] }, CancellationToken.None);
        var all = await hcs.EnumerateComputeSystemsAsync(string.Empty, CancellationToken.None);

        summaries.Should().BeEmpty();
        all.Should().Contain("sandbox1@vm");
    }

    [Fact]
    public async Task GetProperties_AfterTimePasses_StatisticsMoveAndMemoryStaysBelowVmSize()
    {
        var hcs = new SimulatedHostComputeService(time);
        var annotations = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "2048" };
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", annotations, null));

        var first = await vm.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await vm.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None);

        second.Statistics!.Uptime100ns.Should().Be((ulong)TimeSpan.FromMinutes(10).Ticks);
        second.Statistics.Processor!.TotalRuntime100ns.Should().BeGreaterThan(first.Statistics!.Processor!.TotalRuntime100ns);
        second.Statistics.Memory!.MemoryUsageCommitBytes.Should().BeGreaterThan(first.Statistics.Memory!.MemoryUsageCommitBytes)
            .And.BeLessThan(2048UL * 1024 * 1024);
        second.Statistics.Storage!.ReadSizeBytes.Should().BeGreaterThan(0);
        second.Memory!.VirtualMachineMemory!.AssignedMemory.Should().Be(2048UL * 256, "HCS reports 4 KiB pages");
    }

    [Fact]
    public async Task GetProperties_NoPropertyTypes_OmitsStatistics()
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));

        var properties = await vm.GetPropertiesAsync(new PropertyQuery { PropertyTypes = [] }, CancellationToken.None);

        properties.Statistics.Should().BeNull();
        properties.Memory.Should().BeNull();
        properties.Owner.Should().Be(HcsOwners.RunhcsShim);
    }

    [Fact]
    public async Task Modify_MemorySize_ResizesVm()
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));

        await vm.ModifyAsync(ModifySettingRequest.MemorySize(3001), CancellationToken.None);

        hcs.GetSize("s@vm")!.MemoryMb.Should().Be(3002);
    }

    [Fact]
    public async Task Modify_ProcessorLimits_ChangesLimitAndSlowsCpuTime()
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));

        await vm.ModifyAsync(ModifySettingRequest.ProcessorLimits(new ProcessorLimits { Limit = 25000 }), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var stats = (await vm.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None)).Statistics!;

        hcs.GetSize("s@vm").Should().Be(new UtilityVmSize(1024, 2, 25000, 100));
        stats.Processor!.TotalRuntime100ns.Should().Be((ulong)(TimeSpan.FromMinutes(1).Ticks * 2 * 0.05 * 0.25));
    }

    [Fact]
    public async Task Modify_ProcessorLimitsOnWindowsServer2019_IsNotSupported()
    {
        var hcs = new SimulatedHostComputeService(time, new SimulatedHostOptions { Build = WindowsBuild.Ltsc2019 });
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));

        var act = () => vm.ModifyAsync(ModifySettingRequest.ProcessorLimits(new ProcessorLimits { Limit = 50000 }), CancellationToken.None);

        (await act.Should().ThrowAsync<HcsException>()).Which.ErrorCode.Should().Be(HcsErrorCodes.OperationNotSupported);
    }

    [Theory]
    [InlineData("""{"ResourcePath":"VirtualMachine/Devices/Scsi/0","Settings":1}""", HcsErrorCodes.OperationNotSupported)]
    [InlineData("""{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","Settings":"big"}""", HcsErrorCodes.InvalidArgument)]
    [InlineData("""{"ResourcePath":"VirtualMachine/ComputeTopology/Processor/Limits","Settings":{"Limit":200000}}""", HcsErrorCodes.InvalidArgument)]
    [InlineData("""{"ResourcePath":""", HcsErrorCodes.InvalidJson)]
    public async Task Modify_BadRequest_FailsWithHcsCode(string settingsJson, uint expected)
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await hcs.OpenComputeSystemAsync(hcs.CreateUtilityVm("s", NoAnnotations, null), CancellationToken.None);

        var act = () => vm.ModifyAsync(settingsJson, CancellationToken.None);

        (await act.Should().ThrowAsync<HcsException>()).Which.ErrorCode.Should().Be(expected);
    }

    [Fact]
    public async Task OpenComputeSystem_UnknownId_ThrowsSystemNotFoundWithErrorDocument()
    {
        var hcs = new SimulatedHostComputeService(time);

        var act = () => hcs.OpenComputeSystemAsync("nope@vm", CancellationToken.None);

        var ex = (await act.Should().ThrowAsync<HcsException>()).Which;
        ex.ErrorCode.Should().Be(0x8037010E, "computecore, which the agent calls, returns the 0x8037 form");
        ex.IsNotFound.Should().BeTrue();
        JsonDocument.Parse(ex.ErrorDocument!).RootElement.GetProperty("Error").GetInt32().Should().Be(unchecked((int)0x8037010E));
    }

    [Fact]
    public async Task GetProperties_AfterRemove_ThrowsSystemNotFound()
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));
        hcs.RemoveComputeSystem("s@vm").Should().BeTrue();

        var act = () => vm.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None);

        (await act.Should().ThrowAsync<HcsException>()).Which.ErrorCode.Should().Be(HcsErrorCodes.SystemNotFound);
    }

    [Fact]
    public void CreateUtilityVm_HostOutOfMemory_ThrowsNotEnoughMemory()
    {
        var hcs = new SimulatedHostComputeService(time, new SimulatedHostOptions { MemoryMb = 3000 });
        hcs.CreateUtilityVm("a", NoAnnotations, null);
        hcs.CreateUtilityVm("b", NoAnnotations, null);

        var act = () => hcs.CreateUtilityVm("c", NoAnnotations, null);

        act.Should().Throw<HcsException>().Which.ErrorCode.Should().Be(HcsErrorCodes.NotEnoughMemory);
    }

    [Fact]
    public void CreateUtilityVm_SameSandboxTwice_ThrowsAlreadyExists()
    {
        var hcs = new SimulatedHostComputeService(time);
        hcs.CreateUtilityVm("a", NoAnnotations, null);

        var act = () => hcs.CreateUtilityVm("a", NoAnnotations, null);

        var ex = act.Should().Throw<HcsException>().Which;
        ex.ErrorCode.Should().Be(0xC037010F, "the runhcs shim creates VMs through vmcompute, which returns the 0xC037 form");
        ex.Is(HcsErrorCodes.SystemAlreadyExists).Should().BeTrue();
    }

    [Fact]
    public void CreateUtilityVm_AfterFailNextBoot_FailsOnceThenBoots()
    {
        var hcs = new SimulatedHostComputeService(time);
        hcs.FailNextBoot(HcsErrorCodes.BuildMismatch);

        var act = () => hcs.CreateUtilityVm("a", NoAnnotations, null);

        act.Should().Throw<HcsException>().Which.ErrorCode.Should().Be(0xC0370101, "the error containerd shows for a build mismatch");
        hcs.CreateUtilityVm("a", NoAnnotations, null).Should().Be("a@vm");
    }

    [Fact]
    public void CreateUtilityVm_DefaultContainerdAllowList_GetsDefaultSizeSilently()
    {
        var hcs = new SimulatedHostComputeService(time);
        var handler = new ContainerdRuntimeHandler { Name = "runhcs-wcow-hypervisor", PodAnnotations = [] };
        var pod = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "8192" };

        hcs.CreateUtilityVm("a", AnnotationAllowList.FilterPodAnnotations(handler, pod), handler.Options);

        hcs.GetSize("a@vm")!.MemoryMb.Should().Be(1024);
    }

    private static Task<IComputeSystem> OpenAsync(SimulatedHostComputeService hcs, string id) =>
        hcs.OpenComputeSystemAsync(id, CancellationToken.None);

    [Fact]
    public async Task StallOperations_CallIgnoresCancellationUntilResumed()
    {
        var hcs = new SimulatedHostComputeService(time);
        hcs.StallOperations();
        using var cancel = new CancellationTokenSource();

        var call = hcs.EnumerateComputeSystemsAsync(string.Empty, cancel.Token);
        await cancel.CancelAsync();
        await Task.Delay(50);

        call.IsCompleted.Should().BeFalse("a stuck HCS call does not honour cancellation");
        hcs.ResumeOperations();
        var act = () => call;
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await hcs.EnumerateComputeSystemsAsync(string.Empty, CancellationToken.None)).Should().Be("[]");
    }

    [Fact]
    public async Task StallOperations_BehindTimeLimit_FailsWithOperationTimeoutInsteadOfHanging()
    {
        var hcs = new SimulatedHostComputeService(time);
        await using var vm = await OpenAsync(hcs, hcs.CreateUtilityVm("s", NoAnnotations, null));
        var limited = new TimeLimitedHostComputeService(hcs, TimeSpan.FromMilliseconds(200));
        await using var limitedVm = await limited.OpenComputeSystemAsync("s@vm", CancellationToken.None);
        hcs.StallOperations();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var act = () => limitedVm.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None);

        var ex = (await act.Should().ThrowAsync<HcsException>()).Which;
        ex.IsTimeout.Should().BeTrue();
        ex.Message.Should().Contain("HcsGetComputeSystemProperties(s@vm)").And.Contain("0x80370118");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        hcs.ResumeOperations();
    }
}
