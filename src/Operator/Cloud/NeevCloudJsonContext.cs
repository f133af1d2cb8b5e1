using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Cloud;

/// <summary>Source-generated JSON for every body the client sends or reads: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Page<CloudProject>))]
[JsonSerializable(typeof(CloudProject))]
[JsonSerializable(typeof(CreateProjectRequest))]
[JsonSerializable(typeof(UpdateProjectRequest))]
[JsonSerializable(typeof(Page<CloudVm>))]
[JsonSerializable(typeof(CloudVm))]
[JsonSerializable(typeof(CreateVmRequest))]
[JsonSerializable(typeof(Page<CloudRootDisk>))]
[JsonSerializable(typeof(CloudRootDisk))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
internal sealed partial class NeevCloudJsonContext : JsonSerializerContext;
