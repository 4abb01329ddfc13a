using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

public sealed class HcsExceptionTests
{
    [Fact]
    public void Constructor_WithErrorDocument_CarriesHResultAndDocument()
    {
        var ex = new HcsException("HcsOpenComputeSystem(x@vm)", HcsErrorCodes.SystemNotFound, """{"Error":-1070137074}""");

        ex.ErrorCode.Should().Be(0xC037010E);
        ex.HResult.Should().Be(unchecked((int)0xC037010E));
        ex.ErrorDocument.Should().Contain("Error");
        ex.Message.Should().Contain("0xC037010E").And.Contain("HcsOpenComputeSystem(x@vm)");
    }
}
