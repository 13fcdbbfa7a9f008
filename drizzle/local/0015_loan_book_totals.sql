CREATE TABLE `loan_book_by_disbursement` (
	`disbursed_on` text NOT NULL,
	`status` text NOT NULL,
	`loans` integer NOT NULL,
	`principal_fen` integer NOT NULL,
	`outstanding_principal_fen` integer NOT NULL,
	`overdue_principal_fen` integer NOT NULL,
	`accrued_interest_fen` integer NOT NULL,
	`penalty_fen` integer NOT NULL,
	`off_balance_interest_fen` integer NOT NULL,
	`provision_fen` integer NOT NULL,
	`overpayment_fen` integer NOT NULL,
	`interest_advance_fen` integer NOT NULL,
	`written_off_principal_fen` integer NOT NULL,
	PRIMARY KEY(`disbursed_on`, `status`)
);
--> statement-breakpoint
CREATE TABLE `loan_book_totals` (
	`branch_id` text NOT NULL,
	`product_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`status` text NOT NULL,
	`bucket` text NOT NULL,
	`classification` text NOT NULL,
	`non_accrual` integer NOT NULL,
	`overdue` integer NOT NULL,
	`loans` integer NOT NULL,
	`principal_fen` integer NOT NULL,
	`outstanding_principal_fen` integer NOT NULL,
	`overdue_principal_fen` integer NOT NULL,
	`accrued_interest_fen` integer NOT NULL,
	`penalty_fen` integer NOT NULL,
	`off_balance_interest_fen` integer NOT NULL,
	`provision_fen` integer NOT NULL,
	`overpayment_fen` integer NOT NULL,
	`interest_advance_fen` integer NOT NULL,
	`written_off_principal_fen` integer NOT NULL,
	PRIMARY KEY(`branch_id`, `product_id`, `officer_id`, `status`, `bucket`, `classification`, `non_accrual`, `overdue`)
);
--> statement-breakpoint
DROP INDEX `loans_customer`;--> statement-breakpoint
DROP INDEX `loans_dpd`;--> statement-breakpoint
CREATE INDEX `loans_ledger_number` ON `loans` (`number`,`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
CREATE INDEX `loans_disbursed_on` ON `loans` (`disbursed_on`,`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
CREATE INDEX `loans_principal` ON `loans` (`principal_fen`,`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
CREATE INDEX `loans_outstanding` ON `loans` ((CASE WHEN "status" = 'written_off' THEN 0 ELSE "outstanding_principal_fen" END),`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
CREATE INDEX `loans_customer` ON `loans` (`customer_id`,`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
CREATE INDEX `loans_dpd` ON `loans` (`dpd`,`status`,`bucket`,`classification`,`branch_id`,`product_id`,`officer_id`);--> statement-breakpoint
-- The loan book's totals are kept by triggers on loans: every insert, update and
-- delete of a loan row moves the sums of its group (and of the group it left) in
-- the same statement, whatever wrote it (a projector, the rebuild, a sync).

CREATE TRIGGER loans_totals_insert AFTER INSERT ON loans BEGIN
  INSERT INTO loan_book_totals (branch_id, product_id, officer_id, status, bucket, classification, non_accrual, overdue, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
  VALUES (coalesce(NEW.branch_id, ''), NEW.product_id, coalesce(NEW.officer_id, ''), NEW.status, NEW.bucket, NEW.classification, (NEW.non_accrual_since IS NOT NULL), (NEW.dpd > 0), 1, NEW.principal_fen, NEW.outstanding_principal_fen, NEW.overdue_principal_fen, NEW.accrued_interest_fen, NEW.penalty_fen, NEW.off_balance_interest_fen, NEW.provision_fen, NEW.overpayment_fen, NEW.interest_advance_fen, NEW.written_off_principal_fen)
  ON CONFLICT (branch_id, product_id, officer_id, status, bucket, classification, non_accrual, overdue) DO UPDATE SET loans = loans + excluded.loans, principal_fen = principal_fen + excluded.principal_fen, outstanding_principal_fen = outstanding_principal_fen + excluded.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + excluded.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + excluded.accrued_interest_fen, penalty_fen = penalty_fen + excluded.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + excluded.off_balance_interest_fen, provision_fen = provision_fen + excluded.provision_fen, overpayment_fen = overpayment_fen + excluded.overpayment_fen, interest_advance_fen = interest_advance_fen + excluded.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + excluded.written_off_principal_fen;
END;
--> statement-breakpoint
CREATE TRIGGER loans_totals_delete AFTER DELETE ON loans BEGIN
  UPDATE loan_book_totals SET loans = loans - 1, principal_fen = principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen - OLD.written_off_principal_fen
  WHERE branch_id = coalesce(OLD.branch_id, '') AND product_id = OLD.product_id AND officer_id = coalesce(OLD.officer_id, '') AND status = OLD.status AND bucket = OLD.bucket AND classification = OLD.classification AND non_accrual = (OLD.non_accrual_since IS NOT NULL) AND overdue = (OLD.dpd > 0);
END;
--> statement-breakpoint
CREATE TRIGGER loans_totals_update AFTER UPDATE OF accrued_interest_fen, branch_id, bucket, classification, disbursed_on, dpd, interest_advance_fen, non_accrual_since, off_balance_interest_fen, officer_id, outstanding_principal_fen, overdue_principal_fen, overpayment_fen, penalty_fen, principal_fen, product_id, provision_fen, status, written_off_principal_fen ON loans WHEN coalesce(NEW.branch_id, '') IS coalesce(OLD.branch_id, '') AND NEW.product_id IS OLD.product_id AND coalesce(NEW.officer_id, '') IS coalesce(OLD.officer_id, '') AND NEW.status IS OLD.status AND NEW.bucket IS OLD.bucket AND NEW.classification IS OLD.classification AND (NEW.non_accrual_since IS NOT NULL) IS (OLD.non_accrual_since IS NOT NULL) AND (NEW.dpd > 0) IS (OLD.dpd > 0) BEGIN
  UPDATE loan_book_totals SET principal_fen = principal_fen + NEW.principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen + NEW.outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + NEW.overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + NEW.accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen + NEW.penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + NEW.off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen + NEW.provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen + NEW.overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen + NEW.interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + NEW.written_off_principal_fen - OLD.written_off_principal_fen
  WHERE branch_id = coalesce(NEW.branch_id, '') AND product_id = NEW.product_id AND officer_id = coalesce(NEW.officer_id, '') AND status = NEW.status AND bucket = NEW.bucket AND classification = NEW.classification AND non_accrual = (NEW.non_accrual_since IS NOT NULL) AND overdue = (NEW.dpd > 0);
END;
--> statement-breakpoint
CREATE TRIGGER loans_totals_move AFTER UPDATE OF accrued_interest_fen, branch_id, bucket, classification, disbursed_on, dpd, interest_advance_fen, non_accrual_since, off_balance_interest_fen, officer_id, outstanding_principal_fen, overdue_principal_fen, overpayment_fen, penalty_fen, principal_fen, product_id, provision_fen, status, written_off_principal_fen ON loans WHEN NOT (coalesce(NEW.branch_id, '') IS coalesce(OLD.branch_id, '') AND NEW.product_id IS OLD.product_id AND coalesce(NEW.officer_id, '') IS coalesce(OLD.officer_id, '') AND NEW.status IS OLD.status AND NEW.bucket IS OLD.bucket AND NEW.classification IS OLD.classification AND (NEW.non_accrual_since IS NOT NULL) IS (OLD.non_accrual_since IS NOT NULL) AND (NEW.dpd > 0) IS (OLD.dpd > 0)) BEGIN
  UPDATE loan_book_totals SET loans = loans - 1, principal_fen = principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen - OLD.written_off_principal_fen
  WHERE branch_id = coalesce(OLD.branch_id, '') AND product_id = OLD.product_id AND officer_id = coalesce(OLD.officer_id, '') AND status = OLD.status AND bucket = OLD.bucket AND classification = OLD.classification AND non_accrual = (OLD.non_accrual_since IS NOT NULL) AND overdue = (OLD.dpd > 0);
  INSERT INTO loan_book_totals (branch_id, product_id, officer_id, status, bucket, classification, non_accrual, overdue, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
  VALUES (coalesce(NEW.branch_id, ''), NEW.product_id, coalesce(NEW.officer_id, ''), NEW.status, NEW.bucket, NEW.classification, (NEW.non_accrual_since IS NOT NULL), (NEW.dpd > 0), 1, NEW.principal_fen, NEW.outstanding_principal_fen, NEW.overdue_principal_fen, NEW.accrued_interest_fen, NEW.penalty_fen, NEW.off_balance_interest_fen, NEW.provision_fen, NEW.overpayment_fen, NEW.interest_advance_fen, NEW.written_off_principal_fen)
  ON CONFLICT (branch_id, product_id, officer_id, status, bucket, classification, non_accrual, overdue) DO UPDATE SET loans = loans + excluded.loans, principal_fen = principal_fen + excluded.principal_fen, outstanding_principal_fen = outstanding_principal_fen + excluded.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + excluded.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + excluded.accrued_interest_fen, penalty_fen = penalty_fen + excluded.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + excluded.off_balance_interest_fen, provision_fen = provision_fen + excluded.provision_fen, overpayment_fen = overpayment_fen + excluded.overpayment_fen, interest_advance_fen = interest_advance_fen + excluded.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + excluded.written_off_principal_fen;
END;
--> statement-breakpoint
INSERT INTO loan_book_totals (branch_id, product_id, officer_id, status, bucket, classification, non_accrual, overdue, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
SELECT coalesce(l.branch_id, ''), l.product_id, coalesce(l.officer_id, ''), l.status, l.bucket, l.classification, (l.non_accrual_since IS NOT NULL), (l.dpd > 0), count(*), sum(l.principal_fen), sum(l.outstanding_principal_fen), sum(l.overdue_principal_fen), sum(l.accrued_interest_fen), sum(l.penalty_fen), sum(l.off_balance_interest_fen), sum(l.provision_fen), sum(l.overpayment_fen), sum(l.interest_advance_fen), sum(l.written_off_principal_fen) FROM loans l GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
CREATE TRIGGER loans_by_disbursement_insert AFTER INSERT ON loans BEGIN
  INSERT INTO loan_book_by_disbursement (disbursed_on, status, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
  VALUES (coalesce(NEW.disbursed_on, ''), NEW.status, 1, NEW.principal_fen, NEW.outstanding_principal_fen, NEW.overdue_principal_fen, NEW.accrued_interest_fen, NEW.penalty_fen, NEW.off_balance_interest_fen, NEW.provision_fen, NEW.overpayment_fen, NEW.interest_advance_fen, NEW.written_off_principal_fen)
  ON CONFLICT (disbursed_on, status) DO UPDATE SET loans = loans + excluded.loans, principal_fen = principal_fen + excluded.principal_fen, outstanding_principal_fen = outstanding_principal_fen + excluded.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + excluded.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + excluded.accrued_interest_fen, penalty_fen = penalty_fen + excluded.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + excluded.off_balance_interest_fen, provision_fen = provision_fen + excluded.provision_fen, overpayment_fen = overpayment_fen + excluded.overpayment_fen, interest_advance_fen = interest_advance_fen + excluded.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + excluded.written_off_principal_fen;
END;
--> statement-breakpoint
CREATE TRIGGER loans_by_disbursement_delete AFTER DELETE ON loans BEGIN
  UPDATE loan_book_by_disbursement SET loans = loans - 1, principal_fen = principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen - OLD.written_off_principal_fen
  WHERE disbursed_on = coalesce(OLD.disbursed_on, '') AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER loans_by_disbursement_update AFTER UPDATE OF accrued_interest_fen, branch_id, bucket, classification, disbursed_on, dpd, interest_advance_fen, non_accrual_since, off_balance_interest_fen, officer_id, outstanding_principal_fen, overdue_principal_fen, overpayment_fen, penalty_fen, principal_fen, product_id, provision_fen, status, written_off_principal_fen ON loans WHEN coalesce(NEW.disbursed_on, '') IS coalesce(OLD.disbursed_on, '') AND NEW.status IS OLD.status BEGIN
  UPDATE loan_book_by_disbursement SET principal_fen = principal_fen + NEW.principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen + NEW.outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + NEW.overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + NEW.accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen + NEW.penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + NEW.off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen + NEW.provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen + NEW.overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen + NEW.interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + NEW.written_off_principal_fen - OLD.written_off_principal_fen
  WHERE disbursed_on = coalesce(NEW.disbursed_on, '') AND status = NEW.status;
END;
--> statement-breakpoint
CREATE TRIGGER loans_by_disbursement_move AFTER UPDATE OF accrued_interest_fen, branch_id, bucket, classification, disbursed_on, dpd, interest_advance_fen, non_accrual_since, off_balance_interest_fen, officer_id, outstanding_principal_fen, overdue_principal_fen, overpayment_fen, penalty_fen, principal_fen, product_id, provision_fen, status, written_off_principal_fen ON loans WHEN NOT (coalesce(NEW.disbursed_on, '') IS coalesce(OLD.disbursed_on, '') AND NEW.status IS OLD.status) BEGIN
  UPDATE loan_book_by_disbursement SET loans = loans - 1, principal_fen = principal_fen - OLD.principal_fen, outstanding_principal_fen = outstanding_principal_fen - OLD.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen - OLD.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen - OLD.accrued_interest_fen, penalty_fen = penalty_fen - OLD.penalty_fen, off_balance_interest_fen = off_balance_interest_fen - OLD.off_balance_interest_fen, provision_fen = provision_fen - OLD.provision_fen, overpayment_fen = overpayment_fen - OLD.overpayment_fen, interest_advance_fen = interest_advance_fen - OLD.interest_advance_fen, written_off_principal_fen = written_off_principal_fen - OLD.written_off_principal_fen
  WHERE disbursed_on = coalesce(OLD.disbursed_on, '') AND status = OLD.status;
  INSERT INTO loan_book_by_disbursement (disbursed_on, status, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
  VALUES (coalesce(NEW.disbursed_on, ''), NEW.status, 1, NEW.principal_fen, NEW.outstanding_principal_fen, NEW.overdue_principal_fen, NEW.accrued_interest_fen, NEW.penalty_fen, NEW.off_balance_interest_fen, NEW.provision_fen, NEW.overpayment_fen, NEW.interest_advance_fen, NEW.written_off_principal_fen)
  ON CONFLICT (disbursed_on, status) DO UPDATE SET loans = loans + excluded.loans, principal_fen = principal_fen + excluded.principal_fen, outstanding_principal_fen = outstanding_principal_fen + excluded.outstanding_principal_fen, overdue_principal_fen = overdue_principal_fen + excluded.overdue_principal_fen, accrued_interest_fen = accrued_interest_fen + excluded.accrued_interest_fen, penalty_fen = penalty_fen + excluded.penalty_fen, off_balance_interest_fen = off_balance_interest_fen + excluded.off_balance_interest_fen, provision_fen = provision_fen + excluded.provision_fen, overpayment_fen = overpayment_fen + excluded.overpayment_fen, interest_advance_fen = interest_advance_fen + excluded.interest_advance_fen, written_off_principal_fen = written_off_principal_fen + excluded.written_off_principal_fen;
END;
--> statement-breakpoint
INSERT INTO loan_book_by_disbursement (disbursed_on, status, loans, principal_fen, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen, off_balance_interest_fen, provision_fen, overpayment_fen, interest_advance_fen, written_off_principal_fen)
SELECT coalesce(l.disbursed_on, ''), l.status, count(*), sum(l.principal_fen), sum(l.outstanding_principal_fen), sum(l.overdue_principal_fen), sum(l.accrued_interest_fen), sum(l.penalty_fen), sum(l.off_balance_interest_fen), sum(l.provision_fen), sum(l.overpayment_fen), sum(l.interest_advance_fen), sum(l.written_off_principal_fen) FROM loans l GROUP BY 1, 2;
