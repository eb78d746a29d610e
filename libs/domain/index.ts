export * from './money';
export * from './calendar';
export * from './plan';
export * from './splits';
export * from './credit';
export * from './deal';
export * from './netting';
export * from './retention';
export * from './trailing';
export * from './quota';
export * from './statement';
export * from './forecast';
export * from './refusal';
export * from './refusal-error';
export * from './exact';
export * from './rep-plan';
export * from './attribution';
export * from './accounting';
export * from './adjustment';
<<<<<<< HEAD
export * from './webhook';
export * from './payroll';
export * from './signoff';
=======
export * from './dispute';
export * from './statement-line';
>>>>>>> wt/disputes
export * from './plan-document';
export * from './aging';
