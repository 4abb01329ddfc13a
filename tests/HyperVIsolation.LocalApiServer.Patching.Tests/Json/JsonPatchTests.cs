using HyperVIsolation.LocalApiServer.Patching.Json;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Json;

public sealed class JsonPatchTests
{
    public static TheoryData<string, string, string, string> SuccessfulCases => new()
    {
        { "add object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""" },
        { "add array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""" },
        { "add to end with dash", """{"foo":[1]}""", """[{"op":"add","path":"/foo/-","value":2}]""", """{"foo":[1,2]}""" },
        { "add replaces existing member", """{"foo":1}""", """[{"op":"add","path":"/foo","value":2}]""", """{"foo":2}""" },
        { "add nested object", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""" },
        { "add null value", """{}""", """[{"op":"add","path":"/a","value":null}]""", """{"a":null}""" },
        { "remove member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""" },
        { "remove array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""" },
        { "replace value", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""" },
        { "replace array element", """{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/1","value":9}]""", """{"a":[1,9,3]}""" },
        { "replace whole document", """{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""" },
        { "move member", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""" },
        { "move array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""" },
        { "copy member", """{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""" },
        { "test passes", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""" },
        { "escaped slash and tilde", """{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]""", """{"a/b":3}""" },
        { "test compares objects semantically", """{"o":{"x":1,"y":[1,2]}}""", """[{"op":"test","path":"/o","value":{"y":[1,2],"x":1}}]""", """{"o":{"x":1,"y":[1,2]}}""" },
        { "kubernetes label with slash", """{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}""", """[{"op":"remove","path":"/metadata/labels/app.kubernetes.io~1name"}]""", """{"metadata":{"labels":{}}}""" },
        { "empty patch", """{"a":1}""", """[]""", """{"a":1}""" },
    };

    public static TheoryData<string, string, string, string> FailingCases => new()
    {
        { "test fails", """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", StatusReasons.Invalid },
        { "test type mismatch", """{"a":"10"}""", """[{"op":"test","path":"/a","value":10}]""", StatusReasons.Invalid },
        { "add to missing parent", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", StatusReasons.Invalid },
        { "remove missing member", """{"a":1}""", """[{"op":"remove","path":"/b"}]""", StatusReasons.Invalid },
        { "replace missing member", """{"a":1}""", """[{"op":"replace","path":"/b","value":1}]""", StatusReasons.Invalid },
        { "index out of bounds", """{"a":[1]}""", """[{"op":"add","path":"/a/5","value":1}]""", StatusReasons.Invalid },
        { "leading zero index", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/01"}]""", StatusReasons.Invalid },
        { "unknown op", """{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""", StatusReasons.Invalid },
        { "missing value", """{"a":1}""", """[{"op":"add","path":"/b"}]""", StatusReasons.Invalid },
        { "missing from", """{"a":1}""", """[{"op":"move","path":"/b"}]""", StatusReasons.Invalid },
        { "pointer without slash", """{"a":1}""", """[{"op":"remove","path":"a"}]""", StatusReasons.Invalid },
        { "bad escape", """{"a":1}""", """[{"op":"remove","path":"/a~2"}]""", StatusReasons.Invalid },
        { "move into own child", """{"a":{"b":{}}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", StatusReasons.Invalid },
        { "op is not a string", """{"a":1}""", """[{"op":1,"path":"/a"}]""", StatusReasons.Invalid },
        { "patch is an object", """{"a":1}""", """{"op":"remove","path":"/a"}""", StatusReasons.BadRequest },
        { "operation is not an object", """{"a":1}""", """["remove"]""", StatusReasons.BadRequest },
    };

    [Theory]
    [MemberData(nameof(SuccessfulCases))]
    public void Apply_ValidPatch_ProducesExpectedDocument(string scenario, string target, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonAssertions.Parse(target), JsonAssertions.Parse(patch));

        result.ShouldEqualJson(expected);
        scenario.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void Apply_BadPatch_ThrowsPatchExceptionWithKubernetesReason(string scenario, string target, string patch, string reason)
    {
        var act = () => JsonPatch.Apply(JsonAssertions.Parse(target), JsonAssertions.Parse(patch));

        var error = act.Should().Throw<PatchException>(scenario).Which;
        error.Reason.Should().Be(reason);
        error.StatusCode.Should().Be(reason == StatusReasons.Invalid ? 422 : 400);
    }

    [Fact]
    public void Apply_FailureAfterEarlierOperations_LeavesInputUntouched()
    {
        var target = JsonAssertions.Parse("""{"a":1}""");
        var patch = JsonAssertions.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}]""");

        var act = () => JsonPatch.Apply(target, patch);

        act.Should().Throw<PatchException>();
        target.ShouldEqualJson("""{"a":1}""");
    }

    [Fact]
    public void Apply_SuccessfulPatch_DoesNotModifyInputs()
    {
        var target = JsonAssertions.Parse("""{"a":{"b":1}}""");
        var patch = JsonAssertions.Parse("""[{"op":"add","path":"/a/c","value":{"d":1}}]""");

        var result = JsonPatch.Apply(target, patch);
        result!["a"]!["c"]!["d"] = 2;

        target.ShouldEqualJson("""{"a":{"b":1}}""");
        patch.ShouldEqualJson("""[{"op":"add","path":"/a/c","value":{"d":1}}]""");
    }
}
