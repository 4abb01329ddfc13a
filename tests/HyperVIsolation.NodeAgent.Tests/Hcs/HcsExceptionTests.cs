using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

public sealed class HcsExceptionTests
{
    [Fact]
    public void Constructor_WithErrorDocument_CarriesHResultAndDocument()
    {
        var ex = new HcsException("HcsOpenComputeSystem(x@vm)", HcsErrorCodes.SystemNotFound, """{"Error":-1070137074}""");

        ex.ErrorCode.Should().Be(0x8037010E);
        ex.HResult.Should().Be(unchecked((int)0x8037010E));
        ex.ErrorDocument.Should().Contain("Error");
        ex.Message.Should().Contain("0x8037010E").And.Contain("HcsOpenComputeSystem(x@vm)");
    }

    [Theory]
    [InlineData(0x8037010Eu, true)]
    [InlineData(0xC037010Eu, true)]
    [InlineData(0x80070490u, true)]
    [InlineData(0x8037010Fu, false)]
    [InlineData(0x0037010Eu, false)]
    public void IsNotFound_ComputecoreVmcomputeAndElementNotFound(uint hResult, bool expected)
    {
        new HcsException("HcsOpenComputeSystem(x@vm)", hResult).IsNotFound.Should().Be(expected);
    }
}
