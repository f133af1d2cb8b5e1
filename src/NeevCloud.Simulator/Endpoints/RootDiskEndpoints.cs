using Microsoft.AspNetCore.Mvc;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>
/// The VM Service's three root disk operations, each held to its own documented statuses: the list has no 400 or
/// 404, get has no 400 (a malformed id is simply not found), delete has both.
/// </summary>
internal static class RootDiskEndpoints
{
    public static void Map(IEndpointRouteBuilder vm)
    {
        var disks = vm.MapGroup("/orgs/{org_id}/projects/{project_id}/root_disks");
        disks.MapGet("", List).WithMetadata(new ApiOperation(ApiOperations.ListRootDisks));
        disks.MapGet("/{root_disk_id}", Get).WithMetadata(new ApiOperation(ApiOperations.GetRootDisk));
        disks.MapDelete("/{root_disk_id}", Delete).WithMetadata(new ApiOperation(ApiOperations.DeleteRootDisk));
    }

    private static IResult List(
        [FromRoute(Name = "org_id")] string organizationId, [FromRoute(Name = "project_id")] string projectId, HttpRequest request, CloudState cloud) =>
        ApiResults.Json(cloud.ListRootDisks(organizationId, projectId, PagingParser.Lenient(request.Query)));

    private static IResult Get(
        [FromRoute(Name = "org_id")] string organizationId,
        [FromRoute(Name = "project_id")] string projectId,
        [FromRoute(Name = "root_disk_id")] string diskId,
        CloudState cloud) =>
        ApiResults.From(cloud.GetRootDisk(organizationId, projectId, RouteIds.ParseUuid(diskId)));

    private static IResult Delete(
        [FromRoute(Name = "org_id")] string organizationId,
        [FromRoute(Name = "project_id")] string projectId,
        [FromRoute(Name = "root_disk_id")] string diskId,
        CloudState cloud) =>
        RouteIds.ParseUuid(diskId) is Guid id
            ? ApiResults.AcceptedWithoutBody(cloud.DeleteRootDisk(organizationId, projectId, id))
            : ApiResults.Error(Failure.BadRequest($"root_disk_id: '{diskId}' is not a UUID."));
}
