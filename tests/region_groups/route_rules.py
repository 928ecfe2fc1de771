"""Region groups' write routes → the rule each enforces (read by tests/web/test_permission_matrix.py).

Defining a group needs membership of the owning organisation; changing or deleting one needs
membership of its organisation (administrators may do both)."""

API = "/api/v1/region-groups"
GROUP = {"name": "Matrisgruppen", "level": "lan", "codes": ["01", "03"], "description": ""}


def setup(w):
    from kompetensbron.region_groups.models import RegionGroup

    w.region_group = RegionGroup.objects.create(
        name="Matrisregioner", level="lan", codes=["01", "03"], organisation=w.kommun
    )


ROUTES = {
    f"POST {API}/": {
        "rule": "region_groups.add_group",
        "path": f"{API}/",
        "body": lambda w: GROUP | {"organisation_id": w.kommun.pk},
    },
    f"PUT {API}/{{key}}": {
        "rule": "region_groups.change_group",
        "path": lambda w: f"{API}/g{w.region_group.pk}",
        "body": lambda w: GROUP | {"organisation_id": w.kommun.pk},
    },
    f"DELETE {API}/{{key}}": {
        "rule": "region_groups.change_group",
        "path": lambda w: f"{API}/g{w.region_group.pk}",
    },
    "POST region_groups:add": {
        "rule": "region_groups.add_group",
        "path": "/regiongrupper/ny/",
        "body": lambda w: {"name": "Matrisgruppen", "level": "lan", "codes": "01,03", "organisation": w.kommun.pk},
        "form": True,
    },
    "POST region_groups:change": {
        "rule": "region_groups.change_group",
        "path": lambda w: f"/regiongrupper/g{w.region_group.pk}/andra/",
        "body": lambda w: {"name": "Matrisgruppen", "level": "lan", "codes": "01,03", "organisation": w.kommun.pk},
        "form": True,
    },
    "POST region_groups:delete": {
        "rule": "region_groups.change_group",
        "path": lambda w: f"/regiongrupper/g{w.region_group.pk}/ta-bort/",
    },
}
