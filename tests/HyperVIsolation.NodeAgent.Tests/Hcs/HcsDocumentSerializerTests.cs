using System.Text.Json;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

public sealed class HcsDocumentSerializerTests
{
    [Fact]
    public void Serialize_PodUtilityVmQuery_MatchesHcsEnumerateQuery()
    {
        var json = HcsDocumentSerializer.Serialize(ComputeSystemQuery.PodUtilityVms, HcsJsonContext.Default.ComputeSystemQuery);

        json.Should().Be("""{"Types":["VirtualMachine"],"Owners":["containerd-shim-runhcs-v1.exe"]}""");
    }

    [Fact]
    public void Serialize_StatisticsAndMemoryQuery_UsesPropertyTypes()
    {
        var json = HcsDocumentSerializer.Serialize(PropertyQuery.StatisticsAndMemory, HcsJsonContext.Default.PropertyQuery);

        json.Should().Be("""{"PropertyTypes":["Statistics","Memory"]}""");
    }

    [Fact]
    public void Serialize_MemorySizeRequest_HasResourcePathAndNumericSettings()
    {
        var json = HcsDocumentSerializer.Serialize(ModifySettingRequest.MemorySize(2048), HcsJsonContext.Default.ModifySettingRequest);

        json.Should().Be("""{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","RequestType":"Update","Settings":2048}""");
    }

    [Fact]
    public void Serialize_ProcessorLimitsRequest_OmitsUnsetLimits()
    {
        var request = ModifySettingRequest.ProcessorLimits(new ProcessorLimits { Limit = 50000, Weight = 200 });

        var json = HcsDocumentSerializer.Serialize(request, HcsJsonContext.Default.ModifySettingRequest);

        json.Should().Be("""{"ResourcePath":"VirtualMachine/ComputeTopology/Processor/Limits","RequestType":"Update","Settings":{"Limit":50000,"Weight":200}}""");
    }

    [Fact]
    public void Deserialize_EnumerateResult_ReadsSummaries()
    {
        const string json = """
            [{"Id":"5f1c@vm","SystemType":"VirtualMachine","Name":"5f1c@vm","Owner":"containerd-shim-runhcs-v1.exe",
              "RuntimeId":"0b6f7b4e-1f3a-4c8e-9d55-3c9b7c2d1e00","RuntimeOsType":"Windows","State":"Running"}]
            """;

        var summaries = HcsDocumentSerializer.Deserialize(json, HcsJsonContext.Default.IReadOnlyListComputeSystemSummary);

        summaries.Should().ContainSingle().Which.Should().BeEquivalentTo(new ComputeSystemSummary
        {
            Id = "5f1c@vm",
            SystemType = HcsSystemTypes.VirtualMachine,
            Name = "5f1c@vm",
            Owner = HcsOwners.RunhcsShim,
            RuntimeId = Guid.Parse("0b6f7b4e-1f3a-4c8e-9d55-3c9b7c2d1e00"),
            RuntimeOsType = "Windows",
            State = HcsSystemStates.Running,
        });
    }

    [Fact]
    public void Deserialize_PropertiesWithStatisticsAndMemory_ReadsEveryCounter()
    {
        const string json = """
            {"Id":"abc@vm","SystemType":"VirtualMachine","State":"Running",
             "Statistics":{"Timestamp":"2025-01-02T03:04:05Z","ContainerStartTime":"2025-01-02T03:00:00Z","Uptime100ns":2450000000,
               "Processor":{"TotalRuntime100ns":900,"RuntimeUser100ns":600,"RuntimeKernel100ns":300},
               "Memory":{"MemoryUsageCommitBytes":100,"MemoryUsageCommitPeakBytes":150,"MemoryUsagePrivateWorkingSetBytes":80},
               "Storage":{"ReadCountNormalized":1,"ReadSizeBytes":65536,"WriteCountNormalized":2,"WriteSizeBytes":131072}},
             "Memory":{"VirtualNodeCount":1,"VirtualMachineMemory":{"AvailableMemory":700,"AssignedMemory":262144,"BalancingEnabled":true}}}
            """;

        var properties = HcsDocumentSerializer.Deserialize(json, HcsJsonContext.Default.Properties);

        properties.Statistics!.Uptime100ns.Should().Be(2450000000);
        properties.Statistics.Timestamp.Should().Be(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        properties.Statistics.Processor.Should().Be(new ProcessorStats { TotalRuntime100ns = 900, RuntimeUser100ns = 600, RuntimeKernel100ns = 300 });
        properties.Statistics.Memory!.MemoryUsageCommitPeakBytes.Should().Be(150);
        properties.Statistics.Storage!.WriteSizeBytes.Should().Be(131072);
        properties.Memory!.VirtualMachineMemory!.AssignedMemory.Should().Be(262144, "1024 MB is 262144 pages of 4 KiB");
    }

    [Fact]
    public void Deserialize_ModifyRequest_KeepsSettingsAsJson()
    {
        var request = HcsDocumentSerializer.Deserialize(
            """{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","Settings":4096}""",
            HcsJsonContext.Default.ModifySettingRequest);

        request.Settings!.Value.ValueKind.Should().Be(JsonValueKind.Number);
        request.Settings.Value.GetUInt64().Should().Be(4096);
        request.RequestType.Should().BeNull();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    public void Deserialize_InvalidDocument_ThrowsHcsInvalidJson(string json)
    {
        var act = () => HcsDocumentSerializer.Deserialize(json, HcsJsonContext.Default.Properties);

        act.Should().Throw<HcsException>().Which.ErrorCode.Should().Be(HcsErrorCodes.InvalidJson);
    }

    [Fact]
    public void DeserializeOptional_Whitespace_ReturnsNull()
    {
        HcsDocumentSerializer.DeserializeOptional("  ", HcsJsonContext.Default.ComputeSystemQuery).Should().BeNull();
    }
}
