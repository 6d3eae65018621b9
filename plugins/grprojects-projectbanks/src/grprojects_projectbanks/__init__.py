"""Importers for the registers in which funding bodies list the projects they fund.

Each source has its own module and plugin: :mod:`grprojects_projectbanks.projektbanken`
(Tillväxtverket's project bank) and :mod:`grprojects_projectbanks.kohesio` (the EU's
lists of cohesion-policy operations). Both account for every record of their input
(:class:`grprojects.plugin_types.Imported`): imported, imported with warnings, or
refused with the reason. Both make a beneficiary (:mod:`.beneficiaries`), an EU fund and a
managing authority (:mod:`.funders`) the same way, so that ``grprojects merge`` takes the
two imports' organisations for one.
"""

__version__ = "0.1.0"
