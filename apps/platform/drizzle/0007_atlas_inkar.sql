CREATE TABLE "atlas_indicators" (
	"association_code" text NOT NULL,
	"indicator" text NOT NULL,
	"values" jsonb NOT NULL,
	CONSTRAINT "atlas_indicators_association_code_indicator_pk" PRIMARY KEY("association_code","indicator")
);
