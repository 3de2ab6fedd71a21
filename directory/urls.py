from django.urls import path, re_path

from directory import api, views

app_name = "directory"

urlpatterns = [
    # Public, no sign-in: families and the public.
    path("directory/", views.search, name="search"),
    path("directory/services/<uuid:service_id>/", views.service_detail, name="service"),
    # Staff: keeping the directory up to date.
    path("directory/manage/", views.manage, name="manage"),
    path("directory/manage/add/", views.service_add, name="service_add"),
    path("directory/manage/<uuid:service_id>/", views.manage_service, name="manage_service"),
    path("directory/manage/<uuid:service_id>/edit/", views.service_edit, name="service_edit"),
    path("directory/manage/<uuid:service_id>/review/", views.service_review, name="service_review"),
    path("directory/manage/<uuid:service_id>/contacts/add/", views.contact_add, name="contact_add"),
    path(
        "directory/manage/<uuid:service_id>/contacts/<uuid:contact_id>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("directory/manage/<uuid:service_id>/opening-times/add/", views.schedule_add, name="schedule_add"),
    path(
        "directory/manage/<uuid:service_id>/opening-times/<uuid:schedule_id>/remove/",
        views.schedule_remove,
        name="schedule_remove",
    ),
    path("directory/manage/organisations/add/", views.organization_add, name="organization_add"),
    path("directory/manage/places/add/", views.location_add, name="location_add"),
    # Open Referral UK 3.0 API, no sign-in. The profile's paths have no trailing slash; one is tolerated.
    path("api/directory/", api.api_root, name="api_root"),
    re_path(r"^api/directory/openapi\.json$", api.api_openapi, name="api_openapi"),
    re_path(r"^api/directory/services/?$", api.api_services, name="api_services"),
    re_path(r"^api/directory/services/(?P<service_id>[^/]+)/?$", api.api_service, name="api_service"),
    re_path(r"^api/directory/taxonomies/?$", api.api_taxonomies, name="api_taxonomies"),
    re_path(r"^api/directory/taxonomies/(?P<taxonomy_id>[^/]+)/?$", api.api_taxonomy, name="api_taxonomy"),
    re_path(r"^api/directory/taxonomy_terms/?$", api.api_taxonomy_terms, name="api_taxonomy_terms"),
    re_path(
        r"^api/directory/taxonomy_terms/(?P<term_id>[^/]+)/?$",
        api.api_taxonomy_term,
        name="api_taxonomy_term",
    ),
    re_path(r"^api/directory/organizations/?$", api.api_organizations, name="api_organizations"),
    re_path(
        r"^api/directory/organizations/(?P<organization_id>[^/]+)/?$",
        api.api_organization,
        name="api_organization",
    ),
    re_path(
        r"^api/directory/service_at_locations/?$",
        api.api_service_at_locations,
        name="api_service_at_locations",
    ),
    re_path(
        r"^api/directory/service_at_locations/(?P<link_id>[^/]+)/?$",
        api.api_service_at_location,
        name="api_service_at_location",
    ),
]
