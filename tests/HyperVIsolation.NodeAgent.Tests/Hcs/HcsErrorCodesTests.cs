using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

public sealed class HcsErrorCodesTests
{
    [Theory]
    [InlineData(0x8037010Eu, HcsErrorCodes.SystemNotFound, true)]
    [InlineData(0xC037010Eu, HcsErrorCodes.SystemNotFound, true)]
    [InlineData(0xC0370118u, HcsErrorCodes.OperationTimeout, true)]
    [InlineData(0x80370118u, HcsErrorCodes.OperationTimeout, true)]
    [InlineData(0x8037010Fu, HcsErrorCodes.SystemNotFound, false)]
    [InlineData(0x8037011Fu, HcsErrorCodes.ProcessAlreadyStopped, true)]
    [InlineData(0xC0070057u, HcsErrorCodes.InvalidArgument, true)]
    [InlineData(0x80070490u, HcsErrorCodes.SystemNotFound, false)]
    public void Matches_MasksOnlyTheVmcomputeBit(uint actual, uint expected, bool matches)
    {
        HcsErrorCodes.Matches(actual, expected).Should().Be(matches);
    }

    [Theory]
    [InlineData(HcsErrorCodes.SystemNotFound, 0xC037010Eu)]
    [InlineData(HcsErrorCodes.BuildMismatch, 0xC0370101u)]
    [InlineData(0xC0370105u, 0xC0370105u)]
    [InlineData(HcsErrorCodes.InvalidArgument, 0x80070057u)]
    [InlineData(HcsErrorCodes.NotEnoughMemory, 0x80070008u)]
    public void ToVmcomputeForm_SetsBit30OnlyForComputeFacility(uint hResult, uint expected)
    {
        HcsErrorCodes.ToVmcomputeForm(hResult).Should().Be(expected);
    }

    [Fact]
    public void Constants_AreTheWinerrorComputecoreValues()
    {
        // winerror.h: HCS_E_SYSTEM_NOT_FOUND, _ALREADY_EXISTS, _OPERATION_TIMEOUT, _INVALID_STATE, _PROCESS_ALREADY_STOPPED.
        new[] { HcsErrorCodes.SystemNotFound, HcsErrorCodes.SystemAlreadyExists, HcsErrorCodes.OperationTimeout, HcsErrorCodes.InvalidState, HcsErrorCodes.ProcessAlreadyStopped }
            .Should().Equal(0x8037010Eu, 0x8037010Fu, 0x80370118u, 0x80370105u, 0x8037011Fu);
    }
}
