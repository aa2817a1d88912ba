-- +goose Up
-- One sector vocabulary that fits employment services as organised since
-- 1.1.2025 (TE24: public employment services moved from the state's TE
-- offices to municipalities and their employment areas) and the state's
-- regional administration (ELY centres, since 1.1.2026 elinvoimakeskukset,
-- and the KEHA centre). The old "employment_admin" mixed the two: an
-- organisation named for employment services ("Työllisyyspalvelut …",
-- "… työllisyysalue", Swedish "sysselsättning…") is now the municipal
-- employment services, every other one (ELY centres, TE offices, which were
-- state offices) the state's regional administration. Wellbeing services
-- counties (2023) are a sector of their own; existing rows keep theirs.
UPDATE organisations SET sector = 'employment_services'
 WHERE sector = 'employment_admin'
   AND (LOWER(name) LIKE '%työllisyy%' OR LOWER(name) LIKE '%sysselsättning%');
UPDATE organisations SET sector = 'state_admin' WHERE sector = 'employment_admin';

-- +goose Down
UPDATE organisations SET sector = 'employment_admin' WHERE sector IN ('employment_services', 'state_admin');
UPDATE organisations SET sector = 'other' WHERE sector = 'wellbeing_county';
